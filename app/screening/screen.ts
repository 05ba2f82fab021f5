/**
 * The safeguarding screen: finds words and phrases in a young person's text that may signal
 * harm, in every language's list at once (a young person may write in any language, or mix).
 * It is a second net: officers still read everything, so it leans towards recall, but each list
 * entry is written so that harmless mentions ("we learned about bullying in PSHE") do not fire.
 * Pure: no database, no React. app/models/*.server.ts import it.
 *
 * ## Phrase syntax (the built-in lists and the phrases admins add)
 * A phrase is words separated by spaces. Each word is compared after normaliseForScreening
 * (case, accents, Arabic letter variants, repeated letters… see normalise.ts), so write it as
 * plainly as you like.
 * - `word`     that word. Hyphens and punctuation split words ("self-harm" is "self harm").
 * - `word*`    a stem: any word starting with it ("hit*" → hit, hits, hitting).
 * - `head*end` a word starting with `head` and ending with `end`: "ضرب*ني" → ضربني, ضربتني,
 *              ضربوني ("hit me", whoever hit). One `*` per word, never first.
 * - `...`      up to 3 other words may come here ("hit* ... me" → "hits me", "hit my sister and
 *              me"); `~N` allows up to N (1–5).
 * - `=word`    exactly this word: no misspelling tolerance, no Arabic clitics.
 * What the matcher adds by itself, so that lists need not spell every form:
 * - Arabic script: clitics in front (و ف ب ل ك ال, وال بال لل…, dialect ب, future ح/ه) and pronoun
 *   or plural suffixes behind (ني ي ك ه ها هم نا…, Persian م ت ش ام اش…) of a word written without
 *   a `*`. Write list words bare: "ضربني" also finds "وضربني", "بيت" also finds "بالبيت".
 * - Words typed apart or together: "self harm" finds "selfharm", "kill myself" finds
 *   "killmyself", "nobody" finds "no body", and a Persian "میخوام" finds "می خوام".
 * - One edit (a letter missing, added, changed or two swapped) in Latin-script words of 6 or more
 *   letters (7 in Somali and Oromo), unless the text's word is a real word listed in
 *   near-words.json ("amused" is not "abused"). Never in other scripts: one letter separates
 *   انتحار (suicide) from انتظار (waiting).
 * Write phrases as young people write them, in the first person, so that they do not fire on a
 * harmless mention: "i self harm", not "self harm" (which would flag "self-harm awareness week").
 */
import { z } from "zod";
import { normaliseForScreening, type NormalisedToken } from "#app/screening/normalise.ts";
import {
  deletionKeys,
  DETACHABLE,
  ENCLITICS,
  matchesExactly,
  matchesWithinOneEdit,
  parsePhrase,
  withoutProclitics,
  type WordPattern,
} from "#app/screening/phrase.ts";
import { COMMON_WORDS, HARMLESS_SAMPLES } from "#app/screening/harmless.ts";
// NOTE: static JSON imports with the `type` attribute, so that vitest, tsx in the Node server
// and the Remix Vite build all bundle or load the lists (import.meta.glob works only in Vite).
import am from "#app/screening/lists/am.json" with { type: "json" };
import ar from "#app/screening/lists/ar.json" with { type: "json" };
import ckb from "#app/screening/lists/ckb.json" with { type: "json" };
import en from "#app/screening/lists/en.json" with { type: "json" };
import fa from "#app/screening/lists/fa.json" with { type: "json" };
import faAF from "#app/screening/lists/fa-AF.json" with { type: "json" };
import kmr from "#app/screening/lists/kmr.json" with { type: "json" };
import om from "#app/screening/lists/om.json" with { type: "json" };
import ps from "#app/screening/lists/ps.json" with { type: "json" };
import so from "#app/screening/lists/so.json" with { type: "json" };
import sq from "#app/screening/lists/sq.json" with { type: "json" };
import ti from "#app/screening/lists/ti.json" with { type: "json" };
import vi from "#app/screening/lists/vi.json" with { type: "json" };
import nearWords from "#app/screening/near-words.json" with { type: "json" };

export const CONCERN_CATEGORIES = [
  "abuse",
  "sexual_harm",
  "self_harm",
  "suicide",
  "missing",
  "criminal_exploitation",
  "sexual_exploitation",
  "unsafe_home",
  "bullying",
  "trafficking",
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

/** The languages with a built-in list: every language the product speaks. */
export const SCREENING_LANGUAGES = [
  "en", "ar", "fa-AF", "fa", "ps", "ckb", "kmr", "ti", "am", "om", "vi", "sq", "so",
] as const;

const phrasesSchema = z.array(z.string().min(1));
export const screeningListSchema = z.object({
  language: z.string().min(2),
  review: z
    .object({
      status: z.enum(["machine-drafted", "checked"]),
      checkedBy: z.string().min(1).nullable(),
      checkedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u).nullable(),
      notes: z.string(),
    })
    .refine((r) => (r.status === "checked") === (r.checkedBy !== null && r.checkedOn !== null), {
      message: "a checked list names who checked it and when; a machine-drafted one names nobody",
    }),
  categories: z
    .object(
      Object.fromEntries(CONCERN_CATEGORIES.map((c) => [c, phrasesSchema])) as Record<
        ConcernCategory,
        typeof phrasesSchema
      >,
    )
    .strict(),
  /**
   * Everyday sayings that read like a concern ("cười muốn chết": laughing fit to die). A hit that
   * lies wholly inside one of these, in the same text, is dropped; any other hit in the text stays.
   * Same phrase syntax. Keep them narrow: each one can hide a disclosure.
   */
  exceptions: z.array(z.string().min(1)).optional(),
});
export type ScreeningList = z.infer<typeof screeningListSchema>;

/** A phrase an admin added for their organisation. */
export type ExtraPhrase = { language: string; category: ConcernCategory; phrase: string };

export type ScreenHit = {
  category: ConcernCategory;
  /** The list the phrase came from, which need not be the language the text was written in. */
  language: string;
  /** The list entry as written. */
  phrase: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
};

export const PHRASE_REFUSALS = [
  "empty",
  "syntax",
  "too-short",
  "too-common",
  "too-broad",
  "matches-harmless",
] as const;
export type PhraseRefusal = (typeof PHRASE_REFUSALS)[number];
export type PhraseCheck = { ok: true } | { ok: false; reason: PhraseRefusal };

type CompiledPhrase = {
  language: string;
  category: ConcernCategory;
  phrase: string;
  words: WordPattern[];
  /** Letters the text must contain for the phrase to match at all (see mayMatch). */
  required: string[];
};

/**
 * What a text must contain, somewhere, for the phrase to have any chance: every exact word's
 * head and tail (a misspelt word may be anything, so those are left out). Each way a text word
 * can meet a pattern word (itself, its leetspeak reading, without its clitics, with a suffix,
 * two words joined, a word split in two) reads letters that are in the text's words or in its
 * words run together, so a phrase whose letters are missing cannot match and is not tried.
 */
function requiredParts(words: readonly WordPattern[]): string[] {
  const parts = new Set<string>();
  for (const word of words) {
    if (word.fuzzy) continue;
    parts.add(word.head);
    if (word.tail) parts.add(word.tail);
  }
  return [...parts].sort((a, b) => b.length - a.length);
}

export type Screener = {
  readonly phraseCount: number;
  /** Phrases left out, and why (an admin's phrase saved before a rule changed, say). */
  readonly rejected: readonly (ExtraPhrase & { reason: PhraseRefusal })[];
  /** Internal: the indexes screenText uses. */
  readonly index: ScreenerIndex;
};

type ScreenerIndex = {
  exact: Map<string, CompiledPhrase[]>;
  prefix: Map<string, CompiledPhrase[]>;
  longestPrefix: number;
  fuzzyExact: Map<string, CompiledPhrase[]>;
  fuzzyStem: Map<string, CompiledPhrase[]>;
  fuzzyStemLengths: Set<number>;
  /** The lengths of a text word's beginning that may be a fuzzy stem one edit away (n-1, n, n+1). */
  fuzzyStemCuts: number[];
  nearWords: ReadonlySet<string>;
  /** The lists' exceptions, as an index of their own (see screeningListSchema). */
  exceptions?: ScreenerIndex;
};

/**
 * Builds a screener once from the lists (and an organisation's own phrases), for screenText to
 * run on every piece of text. An extra phrase that checkPhrase refuses is left out and reported
 * in `rejected`, never thrown: a screen that fails to build would screen nothing.
 */
export function compileScreener(
  lists: readonly ScreeningList[],
  extraPhrases: readonly ExtraPhrase[] = [],
  options: { nearWords?: Iterable<string> } = {},
): Screener {
  const compiled: CompiledPhrase[] = [];
  const exceptions: CompiledPhrase[] = [];
  const rejected: (ExtraPhrase & { reason: PhraseRefusal })[] = [];
  for (const list of lists) {
    for (const phrase of list.exceptions ?? []) {
      const parsed = parsePhrase(phrase, list.language);
      if (parsed.ok) exceptions.push({ language: list.language, category: "abuse", phrase, words: parsed.words, required: requiredParts(parsed.words) });
    }
    for (const category of CONCERN_CATEGORIES) {
      for (const phrase of list.categories[category]) {
        const parsed = parsePhrase(phrase, list.language);
        if (parsed.ok) compiled.push({ language: list.language, category, phrase, words: parsed.words, required: requiredParts(parsed.words) });
        else rejected.push({ language: list.language, category, phrase, reason: parsed.reason });
      }
    }
  }
  for (const extra of extraPhrases) {
    const check = checkPhrase(extra.phrase, extra.language);
    const parsed = parsePhrase(extra.phrase, extra.language);
    if (!check.ok) rejected.push({ ...extra, reason: check.reason });
    else if (parsed.ok) compiled.push({ ...extra, words: parsed.words, required: requiredParts(parsed.words) });
  }
  const near = new Set(options.nearWords ?? []);
  const index = buildIndex(compiled, near);
  if (exceptions.length > 0) index.exceptions = buildIndex(exceptions, near);
  return { phraseCount: compiled.length, rejected, index };
}

function buildIndex(phrases: CompiledPhrase[], nearWords: ReadonlySet<string>): ScreenerIndex {
  const index: ScreenerIndex = {
    exact: new Map(),
    prefix: new Map(),
    longestPrefix: 0,
    fuzzyExact: new Map(),
    fuzzyStem: new Map(),
    fuzzyStemLengths: new Set(),
    fuzzyStemCuts: [],
    nearWords,
  };
  const add = (map: Map<string, CompiledPhrase[]>, key: string, phrase: CompiledPhrase) => {
    const bucket = map.get(key);
    if (bucket) bucket.push(phrase);
    else map.set(key, [phrase]);
  };
  const addPrefix = (key: string, phrase: CompiledPhrase) => {
    add(index.prefix, key, phrase);
    index.longestPrefix = Math.max(index.longestPrefix, key.length);
  };
  for (const phrase of phrases) {
    const [first, second] = phrase.words;
    if (!first) continue;
    if (first.wild) addPrefix(first.head, phrase);
    else {
      add(index.exact, first.head, phrase);
      // "killmyself": the text's first word may hold the phrase's first two.
      if (second && second.gapBefore === 0) addPrefix(joinForms(first.head, second.head), phrase);
    }
    if (first.fuzzy) {
      for (const key of deletionKeys(first.head)) add(first.wild ? index.fuzzyStem : index.fuzzyExact, key, phrase);
      if (first.wild) index.fuzzyStemLengths.add(first.head.length);
    }
  }
  index.fuzzyStemCuts = [...new Set([...index.fuzzyStemLengths].flatMap((n) => [n - 1, n, n + 1]))];
  return index;
}

/** Two words typed together, as normalisation would have collapsed them ("kil" + "lme" → "kilme"). */
function joinForms(a: string, b: string): string {
  return a.at(-1) === b[0] ? a + b.slice(1) : a + b;
}

/** One way of reading the text at a position: a word, a word without its clitics, or two words typed apart. */
type Reading = {
  form: string;
  /** Text words it covers (2 when two words typed apart are read as one). */
  span: 1 | 2;
  kind: "word" | "clitic" | "joined";
  /** For a joined reading: the lengths of its two words, and whether the first is a detachable prefix. */
  parts?: { first: number; second: number; detachable: boolean };
};

function readingsAt(tokens: readonly NormalisedToken[], i: number): Reading[] {
  const token = tokens[i]!;
  const readings: Reading[] = [token.text, ...token.alternatives].map((form) => ({ form, span: 1, kind: "word" }));
  if (token.script === "arabic") {
    for (const form of withoutProclitics(token.text)) readings.push({ form, span: 1, kind: "clitic" });
  }
  const next = tokens[i + 1];
  if (next && next.script === token.script) {
    readings.push({
      form: joinForms(token.text, next.text),
      span: 2,
      kind: "joined",
      parts: { first: token.text.length, second: next.text.length, detachable: DETACHABLE.has(token.text) },
    });
  }
  return readings;
}

function wordMeetsReading(word: WordPattern, reading: Reading, form: string, nearWords: ReadonlySet<string>): boolean {
  if (reading.kind === "joined" && form === reading.form) {
    const parts = reading.parts!;
    // Joining is how "a bus" could become "abus*" or "hi there" "hit*": only for a detachable
    // prefix (می خوام), or for whole words of two letters or more that the stem spans well.
    const allowed = parts.detachable
      ? true
      : word.wild
        ? parts.first >= 3 && word.head.length - parts.first >= 3
        : parts.first >= 2 && parts.second >= 2;
    return allowed && matchesExactly(word, form);
  }
  if (matchesExactly(word, form)) return true;
  return reading.kind === "word" && form === reading.form && !nearWords.has(form) && matchesWithinOneEdit(word, form);
}

/**
 * The pattern positions that one reading can take the phrase to from word j: the next word, or
 * further when the text has the phrase's words typed together ("selfharming" for "self harm*").
 */
function* advance(words: WordPattern[], j: number, reading: Reading, form: string, nearWords: ReadonlySet<string>): Generator<number> {
  const word = words[j]!;
  if (wordMeetsReading(word, reading, form, nearWords)) yield j + 1;
  const next = words[j + 1];
  if (word.wild || !next || next.gapBefore !== 0 || !form.startsWith(word.head)) return;
  const cut = word.head.at(-1) === next.head[0] && !form.startsWith(word.head + next.head[0]) ? word.head.length - 1 : word.head.length;
  const rest = form.slice(cut);
  if (rest.length >= 2 && rest !== form) yield* advance(words, j + 1, { ...reading, kind: "clitic" }, rest, nearWords);
}

/** Where the phrase ends (exclusive token index) if it matches from word j at text position i, else -1. */
function matchFrom(
  words: WordPattern[],
  readings: (i: number) => Reading[],
  count: number,
  j: number,
  i: number,
  nearWords: ReadonlySet<string>,
): number {
  const word = words[j]!;
  const last = j === 0 ? i : i + word.gapBefore;
  for (let p = i; p <= last && p < count; p++) {
    for (const reading of readings(p)) {
      for (const next of advance(words, j, reading, reading.form, nearWords)) {
        const end = p + reading.span;
        if (next === words.length) return end;
        const found = matchFrom(words, readings, count, next, end, nearWords);
        if (found >= 0) return found;
      }
    }
  }
  return -1;
}

/**
 * Screens one text against every list in the screener. Returns each concern found once (the
 * same category over the same words is one hit, and a hit inside a longer one of the same
 * category is dropped), ordered by where it starts, with offsets into the original `text`.
 */
export function screenText(screener: Screener, text: string): ScreenHit[] {
  return screenTokens(screener, normaliseForScreening(text).tokens);
}

function screenTokens(screener: Screener, tokens: readonly NormalisedToken[]): ScreenHit[] {
  const hits = findHits(screener.index, tokens);
  const exceptions = screener.index.exceptions;
  if (hits.length === 0 || !exceptions) return hits;
  const sayings = findHits(exceptions, tokens);
  return hits.filter((hit) => !sayings.some((s) => s.start <= hit.start && s.end >= hit.end));
}

function findHits(index: ScreenerIndex, tokens: readonly NormalisedToken[]): ScreenHit[] {
  const cache: Reading[][] = [];
  const readings = (i: number) => (cache[i] ??= readingsAt(tokens, i));
  const mayMatch = containsEvery(tokens);
  const hits: ScreenHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = new Set<CompiledPhrase>();
    const take = (bucket: CompiledPhrase[] | undefined) => bucket?.forEach((p) => candidates.add(p));
    for (const reading of readings(i)) {
      const form = reading.form;
      take(index.exact.get(form));
      if (tokens[i]!.script === "arabic") {
        for (const suffix of ENCLITICS) if (form.endsWith(suffix)) take(index.exact.get(form.slice(0, -suffix.length)));
      }
      for (let k = 1; k <= Math.min(form.length, index.longestPrefix); k++) take(index.prefix.get(form.slice(0, k)));
      if (reading.kind === "word" && form.length >= 5 && tokens[i]!.script === "latin" && !index.nearWords.has(form)) {
        for (const key of deletionKeys(form)) take(index.fuzzyExact.get(key));
        for (const k of index.fuzzyStemCuts) {
          if (k > form.length) continue;
          for (const key of deletionKeys(form.slice(0, k))) take(index.fuzzyStem.get(key));
        }
      }
    }
    for (const phrase of candidates) {
      if (!mayMatch(phrase.required)) continue;
      const end = matchFrom(phrase.words, readings, tokens.length, 0, i, index.nearWords);
      if (end < 0) continue;
      hits.push({
        category: phrase.category,
        language: phrase.language,
        phrase: phrase.phrase,
        start: tokens[i]!.start,
        end: tokens[end - 1]!.end,
      });
    }
  }
  return deduplicate(hits);
}

/**
 * For one text: whether it contains every one of some letter sequences, in its words (and their
 * leetspeak readings) or in its words run together as joining reads them. Answers are cached.
 */
function containsEvery(tokens: readonly NormalisedToken[]): (parts: readonly string[]) => boolean {
  let words: string | undefined;
  let runTogether: string | undefined;
  const known = new Map<string, boolean>();
  const contains = (part: string) => {
    let found = known.get(part);
    if (found === undefined) {
      words ??= tokens.flatMap((t) => [t.text, ...t.alternatives]).join(" ");
      runTogether ??= tokens.reduce((joined, t) => joinForms(joined, t.text), "");
      found = words.includes(part) || runTogether.includes(part);
      known.set(part, found);
    }
    return found;
  };
  return (parts) => parts.every(contains);
}

function deduplicate(hits: ScreenHit[]): ScreenHit[] {
  const seen = new Map<string, ScreenHit>();
  for (const hit of hits) {
    const key = `${hit.category}:${hit.start}:${hit.end}`;
    if (!seen.has(key)) seen.set(key, hit);
  }
  const unique = [...seen.values()];
  return unique
    .filter(
      (hit) =>
        !unique.some(
          (other) =>
            other !== hit &&
            other.category === hit.category &&
            other.start <= hit.start &&
            other.end >= hit.end &&
            other.end - other.start > hit.end - hit.start,
        ),
    )
    .sort((a, b) => a.start - b.start || a.end - b.end || a.category.localeCompare(b.category));
}

let harmlessTokens: NormalisedToken[][] | undefined;

/**
 * Whether an admin may add this phrase for `language`. Refuses what would switch ordinary
 * messages into safeguarding: a phrase that normalises to nothing ("empty") or is malformed
 * ("syntax"), a single word that is very short ("too-short") or very common ("too-common", also
 * when every word is), a stem too short to mean anything ("too-broad"), and anything that would
 * fire on one of the harmless sentences in harmless.ts ("matches-harmless").
 */
export function checkPhrase(phrase: string, language: string): PhraseCheck {
  const parsed = parsePhrase(phrase, language);
  if (!parsed.ok) return parsed;
  const words = parsed.words;
  const common = COMMON_WORDS;
  const minLength = (w: WordPattern) => (w.script === "ethiopic" ? 2 : 3);
  if (words.length === 1) {
    const [word] = words as [WordPattern];
    if (word.wild && word.head.length + word.tail.length < minLength(word) + 1) return { ok: false, reason: "too-broad" };
    if (!word.wild && word.head.length < minLength(word)) return { ok: false, reason: "too-short" };
  }
  if (words.every((w) => common.has(w.head))) return { ok: false, reason: "too-common" };
  // Vietnamese syllables are short words: a phrase of them is too short only when all of it is.
  // An Ethiopic letter is a syllable, so it counts twice.
  const letters = words.reduce((n, w) => n + (w.head.length + w.tail.length) * (w.script === "ethiopic" ? 2 : 1), 0);
  if (words.length > 1 && letters < 5) return { ok: false, reason: "too-short" };
  const only = { language, category: "abuse" as const, phrase, words, required: requiredParts(words) };
  const alone = { phraseCount: 1, rejected: [], index: buildIndex([only], new Set()) };
  harmlessTokens ??= HARMLESS_SAMPLES.map((sample) => normaliseForScreening(sample.text).tokens);
  if (harmlessTokens.some((tokens) => screenTokens(alone, tokens).length > 0)) {
    return { ok: false, reason: "matches-harmless" };
  }
  return { ok: true };
}

/** The built-in lists, checked against their schema (one per language in SCREENING_LANGUAGES). */
export function builtInLists(): ScreeningList[] {
  return [en, ar, faAF, fa, ps, ckb, kmr, ti, am, om, vi, sq, so].map((list) => screeningListSchema.parse(list));
}

let builtIn: Screener | undefined;

/** The screener of the built-in lists, compiled once per process. */
export function defaultScreener(): Screener {
  builtIn ??= compileScreener(builtInLists(), [], { nearWords: nearWords.words });
  return builtIn;
}

/** The built-in lists with an organisation's own phrases, keeping the near-words ("amused"). */
export function screenerWithExtras(extraPhrases: readonly ExtraPhrase[]): Screener {
  return compileScreener(builtInLists(), extraPhrases, { nearWords: nearWords.words });
}
