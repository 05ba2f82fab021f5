/**
 * Redaction help: personal details an officer may want to remove before an item is published.
 * Suggestions only — the officer accepts, rejects or edits each one; the original words are kept
 * for officers and leads. Runs on the server (it needs the group's nicknames and the
 * organisation's lists); `applyRedactions` also runs in the browser when an officer ticks a box.
 *
 * "sure" suggestions (a phone number, an email address, a postcode, a nickname or a name the
 * organisation listed) are applied by default; "maybe" suggestions (a word that looks like a name
 * by its position) are offered unticked.
 */
import { toAsciiDigits } from "#app/utils/text.ts";

export const REDACTION_KINDS = ["phone", "email", "link", "handle", "postcode", "address", "name", "school", "placement", "place"] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

export type Suggestion = { kind: RedactionKind; start: number; end: number; text: string; sure: boolean };
export type ListedTerm = { kind: "name" | "school" | "placement" | "place"; text: string };

const LETTER = "\\p{L}\\p{M}";
function escapeRegExp(value: string) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `term` as a whole word (in any script), case-insensitively. */
function wordPattern(term: string) {
  const words = term.trim().split(/\s+/).map(escapeRegExp).join("\\s+");
  return new RegExp(`(?<![${LETTER}\\d])${words}(?![${LETTER}\\d])`, "giu");
}

const STREET_WORDS =
  "road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|place|pl|grove|gardens|gdns|terrace|hill|park|square|sq|row|walk|mews|rise|view";

// Words that start with a capital in the middle of a sentence without being a person's name.
const NOT_NAMES = new Set(
  (
    "I I'm I've I'll I'd Im Ive OK Okay Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July " +
    "August September October November December English Arabic Maths Math Science History Geography PE PSHE Christmas Eid Ramadan Easter " +
    "Diwali Mr Mrs Ms Miss Dr Sir God Allah UK England Britain London Birmingham Sandwell West Midlands Wifi WiFi Wi-Fi YouTube TikTok Instagram " +
    "Snapchat WhatsApp Xbox PlayStation Netflix Google College School Council Board Voices Childline NHS GP CAMHS"
  )
    .toLowerCase()
    .split(" "),
);

// "my friend Sam", "my worker Jo", "called Sam", in English; relationship words in other languages
// are left to the organisation's names list and the nicknames.
const RELATION =
  /\b(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir)\s+(?:best\s+)?(?:friend|mate|brother|sister|mum|mom|mother|dad|father|carer|foster\s+carer|social\s+worker|worker|key\s*worker|teacher|cousin|uncle|aunt|auntie|boyfriend|girlfriend|partner|neighbour|manager)\s+([A-Z][\p{L}'-]+)/gu;
const CALLED = /\b(?:called|named|[Nn]ame\s+is|[Nn]ame's)\s+([A-Z][\p{L}'-]+)/gu;

export function suggestRedactions(text: string, known: { nicknames: string[]; terms: ListedTerm[] }): Suggestion[] {
  // The same length as `text` (each digit is one code unit either way), so offsets carry over.
  const digits = toAsciiDigits(text);
  const found: Suggestion[] = [];
  const add = (kind: RedactionKind, start: number, end: number, sure: boolean) => {
    if (end > start) found.push({ kind, start, end, text: text.slice(start, end), sure });
  };

  for (const m of text.matchAll(/[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>().,;:!?]+/gu)) add("email", m.index, m.index + m[0].length, true);
  for (const m of text.matchAll(/\b(?:https?:\/\/|www\.)[^\s<>]+[^\s<>.,;:!?)]/giu)) add("link", m.index, m.index + m[0].length, true);
  for (const m of text.matchAll(/(?<![\p{L}\d@])@[\p{L}\d_.]{2,30}/gu)) add("handle", m.index, m.index + m[0].length, true);
  // Phone numbers: 10 or more digits, with spaces, dots, dashes or brackets between (any script).
  for (const m of digits.matchAll(/(?<!\d)(?:\+|00)?\d[\d\s().-]{8,18}\d(?!\d)/g)) {
    if (m[0].replace(/\D/g, "").length >= 10) add("phone", m.index, m.index + m[0].length, true);
  }
  // UK postcodes: "B70 9LD", "b709ld", "SW1A 1AA".
  for (const m of digits.matchAll(/\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\b/g)) add("postcode", m.index, m.index + m[0].length, true);
  // Street addresses: "12 Oak Road", "flat 3, 45 High Street".
  const street = new RegExp(`\\b(?:(?:flat|apartment|room)\\s+\\d+[a-z]?,?\\s+)?\\d{1,4}[a-z]?,?\\s+(?:[\\p{L}'-]+\\s+){1,3}(?:${STREET_WORDS})\\b\\.?`, "giu");
  for (const m of digits.matchAll(street)) add("address", m.index, m.index + m[0].length, true);
  for (const m of text.matchAll(new RegExp(`\\b(?:flat|apartment|room)\\s+\\d+[a-z]?\\b`, "giu"))) add("address", m.index, m.index + m[0].length, true);

  // Names the organisation listed, schools and placements, and the group's nicknames.
  for (const term of known.terms) {
    if (term.text.trim().length < 2) continue;
    for (const m of text.matchAll(wordPattern(term.text))) add(term.kind, m.index, m.index + m[0].length, true);
  }
  for (const nickname of known.nicknames) {
    if (nickname.trim().length < 3) continue;
    for (const m of text.matchAll(wordPattern(nickname))) add("name", m.index, m.index + m[0].length, true);
  }

  // Words that look like names by where they are.
  for (const pattern of [RELATION, CALLED]) {
    for (const m of text.matchAll(pattern)) {
      const name = m[1]!;
      if (NOT_NAMES.has(name.toLowerCase())) continue;
      const start = m.index + m[0].length - name.length;
      add("name", start, start + name.length, true);
    }
  }
  // A capitalised word in the middle of a sentence (Latin script): offered, not applied.
  for (const m of text.matchAll(/(?<=[\p{Ll},;]\s+)\p{Lu}\p{Ll}+(?:['’]s)?/gu)) {
    const word = m[0].replace(/['’]s$/, "");
    if (NOT_NAMES.has(word.toLowerCase())) continue;
    add("name", m.index, m.index + word.length, false);
  }

  // Overlaps: keep the earlier (then the longer, then the surer) suggestion.
  found.sort((a, b) => a.start - b.start || b.end - a.end || Number(b.sure) - Number(a.sure));
  const kept: Suggestion[] = [];
  for (const s of found) {
    const last = kept[kept.length - 1];
    if (last && s.start < last.end) continue;
    kept.push(s);
  }
  return kept;
}

/** The words with the accepted suggestions replaced by "[label]" (the label in the item's language). */
export function applyRedactions(text: string, accepted: Pick<Suggestion, "kind" | "start" | "end">[], label: (kind: RedactionKind) => string) {
  let out = text;
  for (const s of [...accepted].sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, s.start)}[${label(s.kind)}]${out.slice(s.end)}`;
  }
  return out;
}
