import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Speech-synthesis languages that can read each of ours: Dari is read by a Persian voice, Kurmanji
 * by a Kurdish one ("ku"); the others by their own code.
 */
const VOICE_LANGUAGES: Record<string, string[]> = {
  "fa-AF": ["fa-AF", "prs", "fa"],
  kmr: ["kmr", "ku"],
  ckb: ["ckb"],
};

/** A voice on this device for the page's language, or null. Never a voice that sends text away. */
export function localVoiceFor(voices: SpeechSynthesisVoice[], language: string) {
  const wanted = (VOICE_LANGUAGES[language] ?? [language]).map((l) => l.toLowerCase());
  const local = voices.filter((v) => v.localService);
  const base = (lang: string) => lang.toLowerCase().replace("_", "-").split("-")[0]!;
  return (
    local.find((v) => wanted.includes(v.lang.toLowerCase().replace("_", "-"))) ??
    local.find((v) => wanted.some((w) => base(v.lang) === base(w))) ??
    null
  );
}

/** Our language code for an element's `lang` ("en-GB" → "en"; "fa-AF" stays), or the page's. */
function languageOf(node: Node, pageLanguage: string) {
  const lang = (node.parentElement?.closest("[lang]") as HTMLElement | null)?.lang || pageLanguage;
  return lang === "fa-AF" || lang === pageLanguage ? lang : lang.split("-")[0]!;
}

/**
 * The words in `root` (or in the part of it the reader selected), in reading order, cut where the
 * language changes: `lang` on an element says which language its words are in. Hidden elements
 * (display: none, the closed parts of a <details>) are not read.
 */
export function languageRuns(root: HTMLElement, range: Range | null, pageLanguage: string) {
  const runs: { lang: string; text: string }[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, noscript, [hidden], [aria-hidden='true']")) return NodeFilter.FILTER_REJECT;
      if (parent.checkVisibility && !parent.checkVisibility()) return NodeFilter.FILTER_REJECT;
      if (range && !range.intersectsNode(node)) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let text = node.textContent ?? "";
    if (range && node === range.endContainer) text = text.slice(0, range.endOffset);
    if (range && node === range.startContainer) text = text.slice(range.startOffset);
    if (!text.trim()) continue;
    const lang = languageOf(node, pageLanguage);
    const previous = runs.at(-1);
    if (previous?.lang === lang) previous.text += ` ${text}`;
    else runs.push({ lang, text });
  }
  return runs.map((run) => ({ lang: run.lang, text: run.text.replace(/\s+/g, " ").trim() })).filter((run) => run.text);
}

/**
 * "Read aloud": one tap reads the page (or the words the reader selected) with a voice on the
 * device in the page's language. Shown only once the page knows such a voice exists: not at all
 * without JavaScript, without speech synthesis, or with only remote voices.
 */
export function ReadAloud() {
  const { t, i18n } = useTranslation();
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(null);
  const [speaking, setSpeaking] = useState(false);
  // Held while they are spoken: Chromium stops, and never says it ended, when an utterance queued
  // by speak() is garbage-collected.
  const queued = useRef<SpeechSynthesisUtterance[]>([]);

  useEffect(() => {
    if (typeof window === "undefined" || !("speechSynthesis" in window)) return;
    const synth = window.speechSynthesis;
    const pick = () => setVoice(localVoiceFor(synth.getVoices(), i18n.language));
    pick();
    synth.addEventListener("voiceschanged", pick);
    return () => {
      synth.removeEventListener("voiceschanged", pick);
      synth.cancel();
    };
  }, [i18n.language]);

  if (!voice) return null;

  const toggle = () => {
    const synth = window.speechSynthesis;
    if (speaking) {
      synth.cancel();
      setSpeaking(false);
      return;
    }
    const main = document.querySelector("main");
    if (!main) return;
    const selection = window.getSelection();
    const range = selection && !selection.isCollapsed && selection.toString().trim() ? selection.getRangeAt(0) : null;
    const voices = synth.getVoices();
    // Each stretch in its own language with that language's voice (an ask's English, shown marked
    // as English on an Arabic page, is read by an English voice); a stretch with no voice on the
    // device is left out rather than read by a voice of another language.
    const utterances = languageRuns(main, range, i18n.language).flatMap((run) => {
      const runVoice = run.lang === i18n.language ? voice : localVoiceFor(voices, run.lang);
      if (!runVoice) return [];
      const speech = new SpeechSynthesisUtterance(run.text);
      speech.voice = runVoice;
      speech.lang = runVoice.lang;
      return [speech];
    });
    if (utterances.length === 0) return;
    const last = utterances.at(-1)!;
    last.onend = () => setSpeaking(false);
    for (const speech of utterances) speech.onerror = () => setSpeaking(false);
    queued.current = utterances;
    synth.cancel();
    for (const speech of utterances) synth.speak(speech);
    setSpeaking(true);
  };

  return (
    <button type="button" className="button-secondary read-aloud" onClick={toggle} aria-pressed={speaking}>
      {speaking ? t("readAloud.stop") : t("readAloud.start")}
    </button>
  );
}
