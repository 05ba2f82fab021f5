import { expect, test } from "vitest";
import { HARMLESS_SAMPLES } from "./harmless.ts";
import { parsePhrase } from "./phrase.ts";
import {
  builtInLists,
  CONCERN_CATEGORIES,
  compileScreener,
  defaultScreener,
  screenText,
  type ConcernCategory,
  type ScreeningList,
} from "./screen.ts";

// The wider phrasings (screening2): colloquial, dialect, indirect and Latin-script ways young
// people write a disclosure, in every language, written for these tests (not taken from any
// evaluation set), and the everyday sayings that must stay quiet.
const categoriesOf = (text: string) => [
  ...new Set(screenText(defaultScreener(), text).map((h) => h.category)),
];

const COLLOQUIAL: [string, ConcernCategory, string][] = [
  ["en", "abuse", "my stepdad hits me with his belt when hes drunk"],
  ["en", "suicide", "honestly everyone would be better off without me"],
  ["en", "suicide", "ive been saving my pills for the weekend"],
  [
    "en",
    "criminal_exploitation",
    "they gave me a phone and i have to drop off a bag in another town",
  ],
  [
    "en",
    "trafficking",
    "the man who brought me here says i still owe him money",
  ],
  ["en", "bullying", "they made a group chat with my photo to laugh at me"],
  ["en", "sexual_harm", "he told me its our little secret"],
  ["ar", "suicide", "والله تعبت من كل شي وبدي اموت"],
  ["ar", "abuse", "عمي بيضربني بالعصا"],
  ["ar", "trafficking", "المهرب بيقول لازم اشتغل له لحد ما ادفع"],
  ["ar", "suicide", "bade mout w5las"],
  ["ar", "bullying", "بالمدرسة بيقولولي ارجع لبلدك"],
  ["fa", "suicide", "دیگه نمیکشم میخوام بمیرم"],
  ["fa", "suicide", "mikham khodamo bokosham"],
  ["fa", "trafficking", "قاچاقچی هنوز پول میخواد و پاسپورتمو گرفتن"],
  ["fa", "sexual_harm", "گفت به هیچکس نگو این راز ماست"],
  ["fa-AF", "abuse", "پدراندرم هر شب مره لت میکنه"],
  ["fa-AF", "trafficking", "قاچاقبر میگه باید براش کار کنم تا پیسه شه بتم"],
  ["fa-AF", "bullying", "بچه ها مره طالب میگن"],
  ["ps", "suicide", "نور ژوند نه غواړم"],
  ["ps", "missing", "زه به له کوره وتښتم"],
  ["ps", "trafficking", "پاسپورټ مې واخیست او معاش نه راکوي"],
  ["ckb", "suicide", "دەمەوێ کۆتایی بە ژیانم بهێنم"],
  ["ckb", "unsafe_home", "دەترسم بگەڕێمەوە ماڵەوە"],
  ["ckb", "abuse", "زڕباوکم هەموو ڕۆژێک لێم دەدات"],
  ["kmr", "suicide", "ez naxwazim êdî bijîm"],
  ["kmr", "criminal_exploitation", "ew min neçar dikin ku esrar bifroşim"],
  ["kmr", "trafficking", "pasaporta min girtin û bê pere dixebitim"],
  ["ti", "suicide", "ደኺመ ክመውት እደሊ"],
  ["ti", "trafficking", "ፓስፖርተይ ወሲዶምለይ ብዘይ ክፍሊት እሰርሕ"],
  ["ti", "bullying", "ኩሎም ይስሕቑለይ"],
  ["am", "suicide", "መሞት ነው የምፈልገው"],
  ["am", "criminal_exploitation", "ዕፅ እንድሸጥላቸው ያስገድዱኛል"],
  ["am", "unsafe_home", "እዚህ ደህንነት አይሰማኝም"],
  ["om", "suicide", "jiraachuu hin barbaadu"],
  ["om", "abuse", "abbaan buddeenaa na rukuta"],
  ["om", "sexual_exploitation", "suuraa qaama koo gaafata"],
  ["so", "suicide", "naftayda ayaan iska qaadayaa"],
  ["so", "self_harm", "mar kale ayaan is jaray"],
  ["so", "trafficking", "magafaha ayaa lacag iga doonaya"],
  ["vi", "suicide", "e k mún sống nữa"],
  ["vi", "missing", "mai em bỏ trốn khỏi nhà"],
  ["vi", "trafficking", "họ lấy hộ chiếu của em và làm không lương"],
  ["sq", "suicide", "nuk dua të jetoj më, jam lodh prej krejt"],
  ["sq", "abuse", "njerku më rreh çdo natë"],
  ["sq", "trafficking", "më morën pasaportën dhe punoj pa pagesë"],
];

test.each(COLLOQUIAL)('%s: %s in "%s"', (_language, category, text) => {
  expect(categoriesOf(text)).toContain(category);
});

test("every language has colloquial disclosures here", () => {
  expect(new Set(COLLOQUIAL.map(([language]) => language))).toEqual(
    new Set(builtInLists().map((l) => l.language))
  );
});

test("the everyday sayings and mentions in harmless.ts raise nothing, in every language", () => {
  const loud = HARMLESS_SAMPLES.filter(
    (s) => screenText(defaultScreener(), s.text).length > 0
  ).map((s) => s.text);
  expect(loud).toEqual([]);
  expect(new Set(HARMLESS_SAMPLES.map((s) => s.language)).size).toBe(13);
});

// Sayings the lists' exceptions cover: without them, a phrase would fire.
const SAYINGS: [string, string][] = [
  ["fa-AF", "این کارخانگی مره میکشه"],
  ["kmr", "ev erka malê min dikuje"],
  ["ps", "دا کورنی کار ما وژني"],
  ["ps", "ملګري ته دوه پونډه پوروړی یم د چپسو لپاره"],
  ["om", "hojiin manaa kun na ajjeesaa jira"],
  ["om", "michuu kootiif paawundii lama liqii qaba chipsiif"],
  ["vi", "cười muốn chết luôn"],
  ["sq", "kjo detyrë shtëpie po më vret"],
  ["sq", "i kam borxh shokut 2 paund për patate"],
];

const withoutExceptions = compileScreener(
  builtInLists().map((list) => ({ ...list, exceptions: [] }))
);

test.each(SAYINGS)(
  '%s: "%s" is an everyday saying, left alone',
  (_language, text) => {
    expect(screenText(withoutExceptions, text).length).toBeGreaterThan(0);
    expect(screenText(defaultScreener(), text)).toEqual([]);
  }
);

test("an exception drops only the hit inside it: the same words elsewhere in the text still fire", () => {
  expect(categoriesOf("cười muốn chết luôn")).toEqual([]);
  expect(
    categoriesOf("hôm qua cười muốn chết luôn, nhưng thật ra em muốn chết")
  ).toContain("suicide");
  expect(
    categoriesOf("kjo detyrë shtëpie po më vret, dhe babai më rreh")
  ).toContain("abuse");
});

test("an exception never drops a hit it does not wholly cover", () => {
  const list: ScreeningList = {
    language: "en",
    review: {
      status: "machine-drafted",
      checkedBy: null,
      checkedOn: null,
      notes: "",
    },
    exceptions: ["die of laughing"],
    categories: Object.fromEntries(
      CONCERN_CATEGORIES.map((c) => [
        c,
        c === "suicide" ? ["i want to die"] : [],
      ])
    ) as ScreeningList["categories"],
  };
  const screener = compileScreener([list]);
  expect(screenText(screener, "i could die of laughing")).toEqual([]);
  expect(
    screenText(screener, "i want to die of laughing").map((h) => h.category)
  ).toEqual(["suicide"]);
});

test("every list's exceptions compile and are narrow (more than one word)", () => {
  for (const list of builtInLists()) {
    for (const phrase of list.exceptions ?? []) {
      const words = phrase
        .split(/\s+/u)
        .filter((w) => !/^(?:\.\.\.|~\d)$/u.test(w));
      expect(words.length, `${list.language} "${phrase}"`).toBeGreaterThan(1);
      expect(
        parsePhrase(phrase, list.language).ok,
        `${list.language} "${phrase}"`
      ).toBe(true);
    }
  }
});

test("a phrase is found whether its words are typed apart, together or split across a word", () => {
  // A text is only tried against phrases whose letters it contains; joined and split readings count.
  expect(categoriesOf("i feel like nobody will findme")).toContain("missing");
  expect(categoriesOf("honestly i wanna killmyself")).toContain("suicide");
});
