import { francAll } from "franc-all";
import type { LanguageCode } from "#app/utils/i18n.ts";

/**
 * The language a young person wrote in, for the officers (and the board's English translation):
 * detected with franc (trigram statistics, made for the job) among the languages young people in
 * care in England write most — the thirteen Voices speaks and others common here — and recorded
 * as a BCP 47 code. franc has no Sorani data: Sorani is told by its own letters (ێ ڵ ڕ ۆ ە),
 * which no other language written here uses together; franc's Latin-script "ckb" is Kurmanji.
 * Left undecided (the page's language is kept) when the text is too short, or
 * when franc cannot tell two close languages apart: Dari from Farsi, Tigrinya from Amharic, which
 * share scripts and much vocabulary; there the young person's own choice of page language decides.
 */
const OURS: Record<string, LanguageCode> = {
  eng: "en",
  arb: "ar",
  prs: "fa-AF",
  pes: "fa",
  pbu: "ps",
  // franc's Latin-script Kurdish (it labels it ckb) is Kurmanji, written in Latin letters here.
  ckb: "kmr",
  tir: "ti",
  amh: "am",
  gaz: "om",
  vie: "vi",
  als: "sq",
  som: "so",
};
/** Other languages common among young people in care here, recorded as their ISO 639 code. */
const OTHERS: Record<string, string> = {
  pol: "pl",
  ron: "ro",
  por: "pt",
  spa: "es",
  fra: "fr",
  ita: "it",
  deu: "de",
  tur: "tr",
  urd: "ur",
  ben: "bn",
  pan: "pa",
  ukr: "uk",
  rus: "ru",
  lit: "lt",
  slk: "sk",
  ces: "cs",
  hun: "hu",
  bul: "bg",
  swh: "sw",
  hin: "hi",
  guj: "gu",
  tam: "ta",
  lin: "ln",
};
const CANDIDATES = [...Object.keys(OURS), ...Object.keys(OTHERS)];
/** Pairs franc's scores cannot be trusted to separate. */
const CLOSE = [
  ["fa", "fa-AF"],
  ["ti", "am"],
];
const MIN_LENGTH = 15;
const SORANI_LETTERS = /[\u06CE\u06B5\u0695\u06C6\u06D5]/gu;

export function detectLanguage(text: string, pageLanguage: string): string {
  const letters = text.replace(/[\s\p{P}\p{S}\p{N}]/gu, "");
  if (letters.length < MIN_LENGTH) return pageLanguage;
  if ((text.match(SORANI_LETTERS) ?? []).length >= 2) return "ckb";
  const [best, second] = francAll(text, { only: CANDIDATES, minLength: MIN_LENGTH });
  if (!best || best[0] === "und") return pageLanguage;
  const code = OURS[best[0]] ?? OTHERS[best[0]] ?? pageLanguage;
  const runnerUp = second ? (OURS[second[0]] ?? OTHERS[second[0]]) : undefined;
  // A tie, or a close pair: the page's language if it is one of the two.
  for (const pair of CLOSE) {
    if (pair.includes(code) && pair.includes(pageLanguage)) return pageLanguage;
  }
  if (second && runnerUp && second[1] === best[1] && pageLanguage === runnerUp) return pageLanguage;
  return code;
}
