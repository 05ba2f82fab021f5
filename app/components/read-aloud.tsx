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

/**
 * "Read aloud": one tap reads the page (or the words the reader selected) with a voice on the
 * device in the page's language. Shown only once the page knows such a voice exists: not at all
 * without JavaScript, without speech synthesis, or with only remote voices.
 */
export function ReadAloud() {
  const { t, i18n } = useTranslation();
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(null);
  const [speaking, setSpeaking] = useState(false);
  const utterance = useRef<SpeechSynthesisUtterance | null>(null);

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
    const selected = window.getSelection()?.toString().trim();
    const text = selected || document.querySelector("main")?.innerText || "";
    if (!text) return;
    const speech = new SpeechSynthesisUtterance(text);
    speech.voice = voice;
    speech.lang = voice.lang;
    speech.onend = () => setSpeaking(false);
    speech.onerror = () => setSpeaking(false);
    utterance.current = speech;
    synth.cancel();
    synth.speak(speech);
    setSpeaking(true);
  };

  return (
    <button type="button" className="button-secondary read-aloud" onClick={toggle} aria-pressed={speaking}>
      {speaking ? t("readAloud.stop") : t("readAloud.start")}
    </button>
  );
}
