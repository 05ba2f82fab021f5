// Zero digits of the scripts young people here type in: ASCII, Arabic-Indic, Extended
// Arabic-Indic (Persian, Dari, Pashto, Urdu), N'Ko, Devanagari, Bengali, Thai, Myanmar, Khmer,
// Mongolian and full-width forms. Each script's digits 0-9 are consecutive code points.
const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xe50,
  0xed0, 0xf20, 0x1040, 0x17e0, 0x1810, 0xff10,
];

/** "٤٨٢١ ۷۷۳۰" → "4821 7730": digits typed in any of those scripts become ASCII digits. */
export function toAsciiDigits(input: string): string {
  let out = "";
  for (const char of input) {
    const cp = char.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9);
    out += zero === undefined ? char : String(cp - zero);
  }
  return out;
}

/** An invite or reset code as typed (any digits, spaces, dashes) → its ASCII digits only. */
export function normaliseCode(input: string): string {
  return toAsciiDigits(input.normalize("NFKC")).replace(/[\s\-‐‑‒–—_.·]/gu, "");
}

/**
 * A sign-in name as stored in User.loginKey: NFKC, lower case, single spaces, ASCII digits,
 * no invisible characters — so "Sara", "sara " and "ＳＡＲＡ" are one name.
 */
export function normaliseLoginKey(input: string): string {
  return toAsciiDigits(input.normalize("NFKC"))
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, "")
    .trim()
    .replace(/\s+/gu, " ")
    .toLocaleLowerCase("en");
}

/**
 * A name or other words of their own put into a translated sentence, between Unicode's first-strong
 * isolate and pop-directional-isolate marks: a Latin name in an Arabic sentence (or an Arabic one in
 * an English sentence) keeps its own direction and does not carry the sentence's punctuation with it.
 */
export function isolate(words: string): string {
  return words ? `\u2068${words}\u2069` : words;
}
