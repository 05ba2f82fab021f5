import { expect, test } from "vitest";
import { detectLanguage } from "#app/utils/detect-language.server.ts";

test.each([
  ["Can we have wifi that works in the evenings at my placement?", "ar", "en"],
  ["أريد دروس لغة إنجليزية أكثر في الأسبوع من فضلكم", "en", "ar"],
  ["زه غواړم چې په اونۍ کې ډېر فوټبال ولرو", "en", "ps"],
  ["Muốn có thêm giờ bóng đá vào cuối tuần", "en", "vi"],
  ["Dua më shumë futboll në fundjavë, ju lutem", "en", "sq"],
  ["Waxaan rabaa kubbadda cagta badan maalinta sabtida", "en", "so"],
  ["Barnoota Afaan Ingiliffaa dabalataa barbaadna torbaan kana", "en", "om"],
  ["دەمانەوێت یاری تۆپی پێ زیاتر بکەین لە کۆتایی هەفتە", "en", "ckb"],
  ["Em dixwazin bêtir futbolê bilîzin di dawiya hefteyê de", "en", "kmr"],
  ["Chcę więcej piłki nożnej w weekendy, proszę", "en", "pl"],
])("%s → %s page, detected %s", (text, page, want) => {
  expect(detectLanguage(text, page)).toBe(want);
});

test("short words keep the page's language", () => {
  expect(detectLanguage("ok", "ar")).toBe("ar");
  expect(detectLanguage("football!!", "ps")).toBe("ps");
});

test("Dari and Farsi, Tigrinya and Amharic: the young person's own page language decides between them", () => {
  expect(detectLanguage("ما به کلاس فوتبال در آخر هفته نیاز داریم", "fa")).toBe("fa");
  expect(detectLanguage("ما به کلاس فوتبال در آخر هفته نیاز داریم", "fa-AF")).toBe("fa-AF");
  expect(detectLanguage("ኣብ ቀዳመ-ሰንበት ዝያዳ ኩዕሶ እግሪ ንደሊ ኢና", "ti")).toBe("ti");
  expect(detectLanguage("ኣብ ቀዳመ-ሰንበት ዝያዳ ኩዕሶ እግሪ ንደሊ ኢና", "am")).toBe("am");
});
