/**
 * One list phrase, parsed (the syntax is documented at the top of screen.ts), and how one of its
 * words meets one word of a young person's text.
 */
import { normaliseForScreening, type Script } from "#app/screening/normalise.ts";

export type WordPattern = {
  /** Normalised letters the word must start with (the whole word, unless `wild`). */
  head: string;
  /** `head*tail`: normalised letters the word must end with ("" for a plain stem). */
  tail: string;
  /** Written with `*`: any letters may follow `head` (and precede `tail`). */
  wild: boolean;
  /** May be one edit away (Latin script, long enough, not written with `=`). */
  fuzzy: boolean;
  /** Arabic-script clitics and pronoun suffixes are allowed around it (not written with `=`). */
  clitics: boolean;
  /** How many words of the text may come between the previous word and this one. */
  gapBefore: number;
  script: Script;
};

export type ParsedPhrase = { ok: true; words: WordPattern[] } | { ok: false; reason: "empty" | "syntax" };

/** The shortest word that may be matched one edit away, per language; absent: never fuzzy. */
const FUZZY_MIN_LENGTH: Record<string, number> = { en: 6, sq: 6, kmr: 6, so: 7, om: 7 };
export const DEFAULT_GAP = 3;
const MAX_GAP = 5;

/**
 * Pronoun and plural suffixes that may follow a word in Arabic script, normalised: Arabic
 * (ني ي ك ه ها هم هن نا كم كن هما, dialect negation ش), Persian/Dari (م ت ش مان تان شان ام ات اش
 * يم يد ها هاي و), Sorani (م ت ي مان تان يان) and plurals (ان ون ين ات ها).
 */
export const ENCLITICS = new Set([
  "ني", "ي", "ك", "ه", "ها", "هم", "هن", "نا", "كم", "كن", "هما", "ش", "م", "ت", "مان", "تان", "شان",
  "ام", "ات", "اش", "يم", "يد", "هاي", "هايم", "و", "ان", "ون", "ين", "يان", "نيش", "هاش",
]);

/**
 * Prefixed conjunctions, prepositions and the article (و ف ب ل ك ال and their combinations), the
 * Levantine/Egyptian present ب, and the future ح/ه (only before ي ت ن, as in حيقتلني).
 * Normalised, longest first. List entries are written without them.
 */
const PROCLITICS = [
  "وبال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "عال", "لل", "ال", "وب", "فب", "ول", "فل",
  "وك", "فك", "و", "ف", "ب", "ل", "ك",
];
const FUTURE_PROCLITICS = ["ح", "ه"];

/** Standalone Persian/Dari verb prefixes that may be typed apart from the verb (می خوام). */
export const DETACHABLE = new Set(["مي", "نمي"]);

/** The forms a word of Arabic script may stand for once clitics in front of it are taken off. */
export function withoutProclitics(form: string): string[] {
  const out: string[] = [];
  for (const p of PROCLITICS) {
    if (form.length - p.length >= 2 && form.startsWith(p)) out.push(form.slice(p.length));
  }
  for (const p of FUTURE_PROCLITICS) {
    const rest = form.slice(1);
    if (form.startsWith(p) && rest.length >= 3 && "يتن".includes(rest[0]!)) out.push(rest);
  }
  return out;
}

// Thousands of list phrases share their words ("me", "my", "ما"): each is normalised once.
const wordCache = new Map<string, { text: string; script: Script }[]>();

function wordTokens(raw: string): { text: string; script: Script }[] {
  let tokens = wordCache.get(raw);
  if (!tokens) {
    tokens = normaliseForScreening(raw).tokens.map((t) => ({ text: t.text, script: t.script }));
    if (wordCache.size < 50_000) wordCache.set(raw, tokens);
  }
  return tokens;
}

export function parsePhrase(raw: string, language: string): ParsedPhrase {
  const words: WordPattern[] = [];
  let pendingGap = 0;
  let sawGap = false;
  for (const part of raw.trim().split(/\s+/u).filter(Boolean)) {
    const gap = /^(?:\.\.\.|…)$/u.test(part) ? DEFAULT_GAP : /^~(\d)$/u.exec(part)?.[1];
    if (gap !== undefined) {
      const n = Number(gap);
      if (words.length === 0 || sawGap || n < 1 || n > MAX_GAP) return { ok: false, reason: "syntax" };
      pendingGap = n;
      sawGap = true;
      continue;
    }
    const literal = part.startsWith("=");
    const body = literal ? part.slice(1) : part;
    const stars = body.split("*").length - 1;
    if (stars > 1) return { ok: false, reason: "syntax" };
    const [headRaw = "", tailRaw = ""] = body.split("*");
    const heads = wordTokens(headRaw);
    const tails = wordTokens(tailRaw);
    if (stars === 1 && heads.length === 0) return { ok: false, reason: "syntax" };
    if (tails.length > 1 || (tails.length === 1 && heads.length !== 1)) return { ok: false, reason: "syntax" };
    if (heads.length === 0) continue;
    heads.forEach((token, index) => {
      const last = index === heads.length - 1;
      const wild = last && stars === 1;
      const minFuzzy = FUZZY_MIN_LENGTH[language];
      words.push({
        head: token.text,
        tail: wild ? (tails[0]?.text ?? "") : "",
        wild,
        fuzzy:
          !literal && token.script === "latin" && minFuzzy !== undefined && token.text.length >= minFuzzy &&
          !(wild && tails.length > 0),
        clitics: !literal && token.script === "arabic",
        gapBefore: index === 0 ? pendingGap : 0,
        script: token.script,
      });
    });
    pendingGap = 0;
    sawGap = false;
  }
  if (sawGap) return { ok: false, reason: "syntax" };
  if (words.length === 0) return { ok: false, reason: "empty" };
  return { ok: true, words };
}

/** A pattern word against one reading of a text word, without edits. */
export function matchesExactly(word: WordPattern, form: string): boolean {
  if (word.wild) {
    return form.length >= word.head.length + word.tail.length && form.startsWith(word.head) && form.endsWith(word.tail);
  }
  if (form === word.head) return true;
  return (
    word.clitics &&
    word.head.length >= 3 &&
    form.length > word.head.length &&
    form.startsWith(word.head) &&
    ENCLITICS.has(form.slice(word.head.length))
  );
}

/** A pattern word against a text word one edit away (for a stem: the word's beginning). */
export function matchesWithinOneEdit(word: WordPattern, form: string): boolean {
  if (!word.fuzzy || form.length < word.head.length - 1) return false;
  if (!word.wild) return withinOneEdit(form, word.head);
  const n = word.head.length;
  return [n - 1, n, n + 1].some((k) => k <= form.length && withinOneEdit(form.slice(0, k), word.head));
}

/** Damerau–Levenshtein (optimal string alignment) distance ≤ 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // One substitution, or one transposition of neighbours.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One insertion or deletion.
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Every string one deletion away, and the string itself (the keys of the fuzzy index). */
export function deletionKeys(s: string): string[] {
  const keys = new Set([s]);
  for (let i = 0; i < s.length; i++) keys.add(s.slice(0, i) + s.slice(i + 1));
  return [...keys];
}
