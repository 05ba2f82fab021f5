/**
 * Normalisation for the safeguarding screen: the same function reads a young person's text and
 * every list phrase, so whatever it folds together on one side it folds together on the other.
 * It never changes what is stored or shown; it only decides what counts as the same word, and
 * keeps a map back to the original text so that a lead's screen can highlight what matched.
 *
 * The choices, and why (docs/decisions/008-safeguarding-screen.md says more):
 * - Unicode: each code point is NFKD-decomposed, lower-cased (String#toLowerCase, which ignores
 *   the locale: a Turkish phone must not screen differently), stripped of diacritic marks, then
 *   NFC-recomposed. NFKD rather than NFKC so that marks come apart from their letters (é → e + ́,
 *   أ → ا + ٔ) and compatibility forms fold (ｋｉｌｌ, 𝐤𝐢𝐥𝐥, ⓚⓘⓛⓛ, ﬁ, Arabic presentation forms).
 *   Only diacritic marks are stripped (Latin/Greek/Cyrillic combining blocks, Hebrew points,
 *   Arabic harakat, tanwin, shadda, sukun, superscript alef and Quranic marks, Ethiopic
 *   gemination marks, variation selectors); vowel signs that are letters in Indic scripts stay.
 * - Invisible characters (format characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen,
 *   bidi controls, tags) and the Arabic tatweel are removed without splitting the word, because
 *   "k\u200Bill" must read as "kill". NOTE: ZWNJ is also how Persian joins می to a verb; removing
 *   it gives the form most people type on a phone anyway (میخوام), and the matcher joins "می خوام".
 * - Arabic script, so that the keyboard a child happens to have does not decide: أ إ آ ٱ ٲ ٳ ٵ →
 *   ا; ى ی ې ۍ ێ ئ ے → ي; ک ڪ → ك; ة ە ۀ ہ ھ → ه; ؤ ۆ ۇ ۈ ۋ → و; the lone hamza ء is dropped
 *   (شيء and شي are written both ways). Pashto letters fold to what a Persian or Arabic keyboard
 *   types instead: ټ→ت ډ→د ړ→ر ڼ→ن ښ→ش ږ→ژ ځ→ز څ→س ګ→گ. Sorani: ڕ→ر ڵ→ل ڤ→ف. Persian
 *   پ چ ژ گ stay: they are on every Persian keyboard and are different sounds.
 * - Ethiopic: letters that Amharic (and mostly Tigrinya) writers use interchangeably fold to one
 *   series, keeping the vowel: ሐ ኀ → ሀ, ሠ → ሰ, ዐ → አ, ፀ → ጸ. Tigrinya does keep ሐ/ሀ and ዐ/አ apart;
 *   folding them costs a little precision there for recall everywhere.
 * - Latin letters NFKD leaves alone: ß→ss ł→l ı→i ø→o æ→ae œ→oe đ→d ħ→h ð→d þ→th ŋ→n ɛ→e ɔ→o.
 * - Digits of every script become ASCII (toAsciiDigits, the same as codes and sign-in names).
 * - Words: a token is a run of letters, digits and kept marks. Apostrophes inside a word are
 *   dropped (don't → dont, ba'uu → bauu). Everything else separates words: spaces, punctuation,
 *   Ethiopic ፡ ። ፣, Arabic ، ؛ ؟ and hyphens (self-harm → self harm; the matcher also tries the
 *   words joined, so "selfharm" meets "self harm").
 * - Leetspeak, only in a token that has a Latin letter and is not a number with a unit (15yo,
 *   3am, 5th): 0→o 1→i 3→e 4→a 5→s 7→t 8→ate @→a $→s, and ! and | inside a word → i. 1, ! and |
 *   are i or l ("k1ll", "se|f"), so such a token also carries its all-l reading.
 * - A token mixing Latin with Cyrillic or Greek look-alikes ("kіll" with a Cyrillic і) reads them
 *   as Latin.
 * - Repeated letters collapse to one, in every script ("kiiiill" → "kil", and "kill" → "kil" too):
 *   only collapsing to one is consistent between "kill", "kiill" and "kiiiill". Digits are not
 *   collapsed.
 */
import { toAsciiDigits } from "#app/utils/text.ts";

export type Script = "latin" | "arabic" | "ethiopic" | "other";

export type NormalisedToken = {
  /** The token as the screen compares it. */
  text: string;
  /** The other reading of ambiguous leetspeak (1, ! and | as l rather than i), if any. */
  alternatives: string[];
  /** UTF-16 offsets of the token in the original text, end exclusive. */
  start: number;
  end: number;
  script: Script;
};

export type NormalisedText = {
  /** The tokens joined by single spaces. */
  text: string;
  /** For each UTF-16 unit of `text`: where it starts and ends in the original text. */
  starts: number[];
  ends: number[];
  tokens: NormalisedToken[];
};

// Diacritic marks only (see the header): not \p{M}, which would also strip Indic vowel signs.
const DIACRITIC =
  // eslint-disable-next-line no-misleading-character-class -- lone combining marks, on purpose
  /[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff\u135d-\u135f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f]/gu;
// Invisible: format characters (ZWSP, ZWNJ, ZWJ, LRM/RLM, bidi embeddings and isolates, word
// joiner, BOM, soft hyphen, tags, Arabic letter mark), Hangul fillers that render as nothing,
// tatweel and the lone hamza (see the header).
const REMOVED = /[\p{Cf}\u115f\u1160\u3164\uffa0\u0640\u0621\u0674\u06e5\u06e6]/gu;

const LETTER_MAP: Record<string, string> = {
  // Arabic script
  ٱ: "ا", ٲ: "ا", ٳ: "ا", ٵ: "ا",
  ى: "ي", ی: "ي", ې: "ي", ۍ: "ي", ێ: "ي", ے: "ي", ٸ: "ي",
  ک: "ك", ڪ: "ك",
  ة: "ه", ە: "ه", ہ: "ه", ھ: "ه", ۃ: "ه",
  ۆ: "و", ۇ: "و", ۈ: "و", ۉ: "و", ۋ: "و", ۊ: "و", ۏ: "و",
  ټ: "ت", ٹ: "ت", ډ: "د", ڈ: "د", ړ: "ر", ڑ: "ر", ڼ: "ن", ں: "ن",
  ښ: "ش", ږ: "ژ", ځ: "ز", څ: "س", ګ: "گ",
  ڕ: "ر", ڵ: "ل", ڤ: "ف",
  // Latin letters without a decomposition
  ß: "ss", ł: "l", ı: "i", ø: "o", æ: "ae", œ: "oe", đ: "d", ħ: "h", ð: "d", þ: "th", ŋ: "n",
  ɛ: "e", ɔ: "o", ŧ: "t",
};

// Ethiopic series that fold together: [from, to] first code points of 8-letter series.
const ETHIOPIC_SERIES: [number, number][] = [
  [0x1210, 0x1200], // ሐ → ሀ
  [0x1280, 0x1200], // ኀ → ሀ
  [0x1220, 0x1230], // ሠ → ሰ
  [0x12d0, 0x12a0], // ዐ → አ
  [0x1340, 0x1338], // ፀ → ጸ
];

const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y",
  х: "x", і: "i", ї: "i", ј: "j", ѕ: "s", ԁ: "d", ԛ: "q", ԝ: "w", ɡ: "g",
  // Greek
  α: "a", β: "b", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x",
  ω: "w",
};

const LEET: Record<string, [string, string]> = {
  "0": ["o", "o"], "1": ["i", "l"], "!": ["i", "l"], "|": ["i", "l"], "3": ["e", "e"],
  "4": ["a", "a"], "@": ["a", "a"], "5": ["s", "s"], $: ["s", "s"], "7": ["t", "t"],
  "8": ["ate", "ate"],
};
const APOSTROPHES = new Set(["'", "’", "ʼ", "‘", "`", "´", "ʻ", "′"]);
const NUMBER_WITH_UNIT = /^[0-9]+[a-z]{1,4}$/;

type Kind = "word" | "symbol" | "apostrophe" | "separator";
type Unit = { char: string; kind: Kind; start: number; end: number };

const foldCache = new Map<string, string>();

/** One code point, folded as the header says ("" when it is removed). */
function foldCodePoint(cp: string): string {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  let out = cp.normalize("NFKD").toLowerCase().normalize("NFKD").replace(DIACRITIC, "").replace(REMOVED, "");
  out = toAsciiDigits(out.normalize("NFC"));
  let mapped = "";
  for (const ch of out) mapped += LETTER_MAP[ch] ?? foldEthiopic(ch);
  if (foldCache.size < 20_000) foldCache.set(cp, mapped);
  return mapped;
}

function foldEthiopic(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x1200 || cp > 0x137f) return ch;
  for (const [from, to] of ETHIOPIC_SERIES) {
    if (cp >= from && cp < from + 8) return String.fromCodePoint(to + (cp - from));
  }
  return ch;
}

// kindOf, scriptOf and isLetter run on every character of every text and list phrase: their
// Unicode property tests are cached per character (the cache stays small: the characters seen).
const kindCache = new Map<string, Kind>();
const scriptCache = new Map<string, Script>();
const letterCache = new Map<string, boolean>();

function kindOf(ch: string): Kind {
  let kind = kindCache.get(ch);
  if (kind === undefined) {
    if (/[\p{L}\p{N}\p{M}]/u.test(ch)) kind = "word";
    else if (ch in LEET) kind = "symbol";
    else if (APOSTROPHES.has(ch)) kind = "apostrophe";
    else kind = "separator";
    if (kindCache.size < 20_000) kindCache.set(ch, kind);
  }
  return kind;
}

export function scriptOf(ch: string): Script {
  let script = scriptCache.get(ch);
  if (script === undefined) {
    if (/\p{Script=Latin}/u.test(ch)) script = "latin";
    else if (/\p{Script=Arabic}/u.test(ch)) script = "arabic";
    else if (/\p{Script=Ethiopic}/u.test(ch)) script = "ethiopic";
    else script = "other";
    if (scriptCache.size < 20_000) scriptCache.set(ch, script);
  }
  return script;
}

function isLetter(ch: string): boolean {
  let letter = letterCache.get(ch);
  if (letter === undefined) {
    letter = /\p{L}/u.test(ch);
    if (letterCache.size < 20_000) letterCache.set(ch, letter);
  }
  return letter;
}

/**
 * Normalises text for the safeguarding screen: the normalised form (tokens joined by single
 * spaces), its map back to UTF-16 offsets in `input`, and the tokens themselves.
 */
export function normaliseForScreening(input: string): NormalisedText {
  const units: Unit[] = [];
  let offset = 0;
  for (const cp of input) {
    const start = offset;
    offset += cp.length;
    const folded = foldCodePoint(cp);
    if (folded === "") {
      // A removed character (a mark, an invisible) stays part of the character before it, so a
      // highlight covers the whole letter as typed.
      const last = units.at(-1);
      if (last && last.kind !== "separator") last.end = offset;
      continue;
    }
    for (const char of folded) units.push({ char, kind: kindOf(char), start, end: offset });
  }

  const built: BuiltToken[] = [];
  let run: Unit[] = [];
  const flush = () => {
    for (const piece of splitRun(run)) {
      const token = buildToken(piece);
      if (token) built.push(token);
    }
    run = [];
  };
  for (const unit of units) {
    if (unit.kind === "separator") flush();
    else run.push(unit);
  }
  flush();

  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  built.forEach(({ token, offsets }, index) => {
    if (index > 0) {
      text += " ";
      starts.push(built[index - 1]!.token.end);
      ends.push(token.start);
    }
    text += token.text;
    for (const [s, e] of offsets) {
      starts.push(s);
      ends.push(e);
    }
  });
  return { text, starts, ends, tokens: built.map((b) => b.token) };
}

/** A token and, for each UTF-16 unit of its text, its [start, end) in the original. */
type BuiltToken = { token: NormalisedToken; offsets: [number, number][] };

/**
 * A run of non-separators → words. Symbols (@ $ ! |) and apostrophes only belong to a word that
 * has a Latin letter; elsewhere they separate. At a word's edges "!" "|" and apostrophes are
 * punctuation ("help!"), while "@" and "$" may begin a word ("$elf").
 */
function splitRun(run: Unit[]): Unit[][] {
  if (run.length === 0) return [];
  const hasLatin = run.some((u) => u.kind === "word" && scriptOf(u.char) === "latin");
  const pieces: Unit[][] = [];
  let current: Unit[] = [];
  for (const unit of run) {
    const belongs = unit.kind === "word" || unit.kind === "apostrophe" || (unit.kind === "symbol" && hasLatin);
    if (belongs) current.push(unit);
    else {
      pieces.push(current);
      current = [];
    }
  }
  pieces.push(current);
  return pieces.map(trimEdges).filter((p) => p.some((u) => u.kind === "word"));
}

function trimEdges(piece: Unit[]): Unit[] {
  let from = 0;
  let to = piece.length;
  const edge = (u: Unit, leading: boolean) =>
    u.kind === "apostrophe" || (u.kind === "symbol" && !(leading && (u.char === "@" || u.char === "$")));
  while (from < to && edge(piece[from]!, true)) from++;
  while (to > from && edge(piece[to - 1]!, false)) to--;
  // A leading @ or $ is leet only when a letter follows it.
  while (from < to && piece[from]!.kind === "symbol" && piece[from + 1]?.kind !== "word") from++;
  return piece.slice(from, to);
}

function buildToken(piece: Unit[]): BuiltToken | null {
  let chars = piece.filter((u) => u.kind !== "apostrophe");
  if (chars.length === 0) return null;
  const scripts = new Set(chars.map((u) => scriptOf(u.char)));
  if (scripts.has("latin") && chars.some((u) => u.char in CONFUSABLES)) {
    chars = chars.map((u) => ({ ...u, char: CONFUSABLES[u.char] ?? u.char }));
  }
  const hasLatin = chars.some((u) => scriptOf(u.char) === "latin");
  const plain = chars.map((u) => u.char).join("");
  const leet = hasLatin && !NUMBER_WITH_UNIT.test(plain) && chars.some((u) => u.char in LEET);

  const readings: Unit[][] = [];
  if (leet) {
    const ambiguous = chars.some((u) => LEET[u.char] && LEET[u.char]![0] !== LEET[u.char]![1]);
    for (const which of ambiguous ? [0, 1] : [0]) {
      readings.push(
        chars.flatMap((u) => {
          const to = LEET[u.char]?.[which];
          return to === undefined ? [u] : [...to].map((char) => ({ ...u, char }));
        }),
      );
    }
  } else readings.push(chars.filter((u) => u.kind === "word"));

  const [primary, ...others] = readings.map(collapseRepeats);
  const main = primary!;
  const text = main.map((u) => u.char).join("");
  const alternatives = others.map((r) => r.map((u) => u.char).join("")).filter((t) => t !== text);
  const token: NormalisedToken = {
    text,
    alternatives,
    start: main[0]!.start,
    end: main.at(-1)!.end,
    script: dominantScript(main),
  };
  const offsets = main.flatMap((u) => Array.from({ length: u.char.length }, (): [number, number] => [u.start, u.end]));
  return { token, offsets };
}

function collapseRepeats(chars: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (const unit of chars) {
    const last = out.at(-1);
    if (last && last.char === unit.char && isLetter(unit.char)) last.end = unit.end;
    else out.push({ ...unit });
  }
  return out;
}

function dominantScript(chars: Unit[]): Script {
  const counts = new Map<Script, number>();
  for (const u of chars) {
    if (!isLetter(u.char)) continue;
    const s = scriptOf(u.char);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  let best: Script = "other";
  let most = 0;
  for (const [s, n] of counts) {
    if (n > most) {
      best = s;
      most = n;
    }
  }
  return best;
}
