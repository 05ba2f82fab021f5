import { expect, test } from "vitest";
import { normaliseForScreening } from "./normalise.ts";

const norm = (text: string) => normaliseForScreening(text).text;

test("case, width and compatibility forms fold, without the locale", () => {
  expect(norm("KILL Myself")).toBe(norm("kill myself"));
  expect(norm("ＫＩＬＬ 𝐤𝐢𝐥𝐥 ⓚⓘⓛⓛ")).toBe("kil kil kil");
  expect(norm("İSTANBUL")).toBe("istanbul");
  expect(norm("ﬁne Straße")).toBe("fine strase");
});

test("Latin and Vietnamese diacritics are stripped, đ is d", () => {
  expect(norm("Tôi muốn chết")).toBe("toi muon chet");
  expect(norm("tự tử")).toBe(norm("tu tu"));
  expect(norm("đánh")).toBe("danh");
  expect(norm("vetëvrasje ç")).toBe("vetevrasje c");
  expect(norm("xwekuştin dixwazim bimirim û")).toBe("xwekustin dixwazim bimirim u");
  expect(norm("e\u0301cole")).toBe("ecole");
});

test("Arabic harakat, tanwin, shadda, sukun, superscript alef and tatweel are removed", () => {
  expect(norm("ضَرَبَنِي")).toBe("ضربني");
  expect(norm("كتابًا")).toBe("كتابا");
  expect(norm("شدّة سُكون")).toBe("شده سكون");
  expect(norm("هٰذا")).toBe("هذا");
  expect(norm("ضـــربني")).toBe("ضربني");
});

test("Arabic-script letter variants fold to one letter", () => {
  for (const alef of ["أ", "إ", "آ", "ٱ"]) expect(norm(`${alef}نا`)).toBe("انا");
  for (const yeh of ["ى", "ی", "ې", "ۍ", "ئ"]) expect(norm(`ب${yeh}ت`)).toBe("بيت");
  expect(norm("کتاب")).toBe(norm("كتاب"));
  expect(norm("مدرسة")).toBe("مدرسه");
  expect(norm("ماڵە")).toBe("ماله");
  expect(norm("مسؤول")).toBe("مسول");
  expect(norm("شيء")).toBe("شي");
  // Pashto letters become what a Persian keyboard types
  expect(norm("ځان وژنم")).toBe(norm("زان وژنم"));
  expect(norm("ټول ډېر ړوند ښه ږ څ ګ ڼ")).toBe("تول دير روند شه ژ س گ ن");
  // Sorani
  expect(norm("ڕۆژ ڵ ێ ۆ")).toBe("روژ ل ي و");
});

test("invisible characters disappear without splitting the word", () => {
  for (const invisible of ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u202E", "\u2066", "\u200F"]) {
    expect(norm(`ki${invisible}ll my${invisible}self`)).toBe("kil myself");
  }
  expect(norm("می‌خوام")).toBe("ميخوام");
});

test("repeated letters collapse to one, in every script", () => {
  expect(norm("kiiiiill")).toBe(norm("kill"));
  expect(norm("heeeelp")).toBe(norm("help"));
  expect(norm("موووت")).toBe(norm("موت"));
  expect(norm("I am 100")).toBe("i am 100");
});

test("leetspeak is read only in words that have letters", () => {
  expect(norm("k1ll mys3lf")).toBe("kil myself");
  expect(norm("$u1c1d3")).toBe("suicide");
  expect(norm("h@te")).toBe("hate");
  expect(norm("h8 myself")).toBe("hate myself");
  expect(norm("I am 15, at 3am on the 5th")).toBe("i am 15 at 3am on the 5th");
  expect(norm("help!!")).toBe("help");
  const [token] = normaliseForScreening("ki11").tokens;
  expect([token!.text, ...token!.alternatives]).toContain("kil");
  expect(normaliseForScreening("se|f").tokens[0]!.alternatives).toContain("self");
});

test("Cyrillic look-alikes inside a Latin word read as Latin", () => {
  expect(norm("kіll")).toBe("kil");
  expect(norm("привет")).toBe("привет");
});

test("separators: spaces, punctuation, hyphens, Ethiopic and Arabic punctuation", () => {
  expect(norm("self-harm, again.")).toBe("self harm again");
  expect(norm("don't")).toBe("dont");
  expect(norm("ሞት፡እፈልጋለሁ።ሰላም፣")).toBe("ሞት እፈልጋለሁ ሰላም");
  expect(norm("لا،لا؛لا؟")).toBe("لا لا لا");
});

test("Ethiopic letters written interchangeably fold to one series", () => {
  expect(norm("ሐዘን")).toBe(norm("ሀዘን"));
  expect(norm("ኃይል")).toBe(norm("ሃይል"));
  expect(norm("ሠላም")).toBe(norm("ሰላም"));
  expect(norm("ዐይን")).toBe(norm("አይን"));
  expect(norm("ፀሐይ")).toBe(norm("ጸሀይ"));
});

test("digits of any script become ASCII", () => {
  expect(norm("٤٥ ۱۲ ４")).toBe("45 12 4");
});

test("the map leads back to the original text", () => {
  const input = "Hé  KIIILL\u200Bme!! وَضَرَبَنِي";
  const result = normaliseForScreening(input);
  for (const token of result.tokens) expect(token.end).toBeGreaterThan(token.start);
  expect(result.tokens.map((t) => input.slice(t.start, t.end))).toEqual(["Hé", "KIIILL\u200Bme", "وَضَرَبَنِي"]);
  expect(result.starts).toHaveLength(result.text.length);
  expect(result.ends).toHaveLength(result.text.length);
  const k = result.text.indexOf("k");
  expect(input.slice(result.starts[k]!, result.ends[k]!)).toBe("K");
  const l = result.text.indexOf("l");
  expect(input.slice(result.starts[l]!, result.ends[l]!)).toBe("LL\u200B");
});
