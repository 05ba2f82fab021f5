import { createInstance } from "i18next";
import { describe, expect, test } from "vitest";
import { cldrLanguageNames } from "#app/utils/cldr-language-names.ts";
import { CLDR_VERSION, cldrFormats } from "#app/utils/cldr-snapshot.ts";
import { formatDate, formatList, formatNumber } from "#app/utils/format.ts";
import {
  fallbackChain,
  i18nextOptions,
  intlLocale,
  languageDirection,
  languageFromAcceptLanguage,
  languageName,
  languages,
  matchLanguage,
  supportedLanguages,
} from "#app/utils/i18n.ts";
import { cldrListFormatter, dateFormatter, numberFormatter, takeSnapshot } from "../scripts/cldr-snapshot.ts";

// Decision 009: what each of the thirteen languages is to Intl and i18next, and what Voices chose.
// The browser's side (Debian's Chromium) is tests/e2e/intl.test.ts.

describe("the CLDR snapshot", () => {
  test("is this Node's CLDR: rerun `npx tsx scripts/cldr-snapshot.ts` when it moves", () => {
    expect({ cldr: process.versions.cldr, ...takeSnapshot() }).toEqual({
      cldr: CLDR_VERSION,
      formats: cldrFormats,
      languageNames: cldrLanguageNames,
    });
  });

  // Every month, day 1 and 28, round the clock, and the hours either side of both clock changes.
  const moments = [
    ...Array.from({ length: 12 }, (_, m) => [1, 9, 10, 28].map((d) => new Date(Date.UTC(2026, m, d, 12, 5)))).flat(),
    ...Array.from({ length: 24 }, (_, h) => new Date(Date.UTC(2026, 10, 23, h, h * 2))),
    new Date(Date.UTC(2026, 2, 29, 0, 59)),
    new Date(Date.UTC(2026, 2, 29, 1, 0)),
    new Date(Date.UTC(2026, 9, 25, 0, 59)),
    new Date(Date.UTC(2026, 9, 25, 1, 0)),
    new Date(Date.UTC(1999, 11, 31, 23, 59)),
    new Date(Date.UTC(2100, 0, 1, 0, 0)),
  ];

  test.each(supportedLanguages)("%s: dates are what Intl writes with CLDR's data, in UK time", (code) => {
    for (const withTime of [false, true]) {
      const intl = dateFormatter(code, withTime);
      for (const moment of moments) expect(formatDate(moment, code, withTime), `${code} ${moment.toISOString()}`).toBe(intl.format(moment));
    }
    expect(formatDate("2026-11-23T14:05:00.000Z", code, true)).toBe(formatDate(new Date("2026-11-23T14:05:00.000Z"), code, true));
  });

  test.each(supportedLanguages)("%s: whole numbers are what Intl writes", (code) => {
    const intl = numberFormatter(code);
    for (const n of [0, 1, 5, 9, 10, 42, 99, 100, 999, 1000, 1234, 9999, 10000, 12345, 99999, 123456, 1234567, 1e9, -1, -3, -1234, 2.5, 3.49, -0.4]) {
      expect(formatNumber(n, code), `${code} ${n}`).toBe(intl.format(n));
    }
  });

  test.each(supportedLanguages)("%s: lists are what Intl writes (where CLDR has list patterns)", (code) => {
    const intl = cldrListFormatter(code);
    expect(intl === null, `${code}: listFromCldr`).toBe(!cldrFormats[code].listFromCldr);
    for (let n = 0; n <= 6; n++) {
      const items = ["Voices", "Horizons", "Sandwell", "B", "C", "D"].slice(0, n);
      if (intl) expect(formatList(items, code), `${code} ${n}`).toBe(intl.format(items));
      else expect(formatList(items, code).split(/ و |، | fi |, /).filter(Boolean)).toEqual(items);
    }
  });
});

describe("what each language is written with", () => {
  const NOV_23 = new Date(Date.UTC(2026, 10, 23, 14, 5)); // 14:05 in London (GMT)

  test("a date, a date with its time and a number in every language (the choices, pinned)", () => {
    const shown = Object.fromEntries(
      supportedLanguages.map((code) => [code, [formatDate(NOV_23, code), formatDate(NOV_23, code, true), formatNumber(1234567, code)]]),
    );
    expect(shown).toEqual({
      en: ["23 Nov 2026", "23 Nov 2026, 14:05", "1,234,567"],
      ar: ["23‏/11‏/2026", "23‏/11‏/2026، 2:05 م", "1,234,567"],
      "fa-AF": ["۲۳ نومبر ۲۰۲۶", "۲۳ نومبر ۲۰۲۶، ۱۴:۰۵", "۱٬۲۳۴٬۵۶۷"],
      fa: ["۲۳ نوامبر ۲۰۲۶", "۲۳ نوامبر ۲۰۲۶، ۱۴:۰۵", "۱٬۲۳۴٬۵۶۷"],
      ps: ["۲۰۲۶ نومبر ۲۳", "۲۰۲۶ نومبر ۲۳ ۱۴:۰۵", "۱٬۲۳۴٬۵۶۷"],
      ckb: ["٢٠٢٦ تشرینی دووەم ٢٣", "٢٠٢٦ تشرینی دووەم ٢٣ ٢:٠٥ د.ن", "١٬٢٣٤٬٥٦٧"],
      kmr: ["23 mjd, 2026", "23 mjd, 2026 14:05", "1.234.567"],
      ti: ["ሕዳ 23, 2026", "ሕዳ 23, 2026 2:05 ድ.ቀ.", "1,234,567"],
      am: ["23 ኖቬም 2026", "23 ኖቬም 2026 2:05 ከሰዓት", "1,234,567"],
      om: ["Sadaasa 23, 2026", "Sadaasa 23, 2026, 2:05 WB", "1,234,567"],
      vi: ["23 thg 11, 2026", "14:05 23 thg 11, 2026", "1.234.567"],
      // Albanian groups with a no-break space, and only from five digits (1000, 12\u00a0345).
      sq: ["23 nën 2026", "23 nën 2026, 2:05 m.d.", "1\u00a0234\u00a0567"],
      so: ["23-Nof-2026", "23-Nof-2026 ee 2:05 GD", "1,234,567"],
    });
  });

  test("UK dates are Gregorian even where the language's own calendar is another (Dari, Farsi and Pashto: Solar Hijri)", () => {
    for (const code of supportedLanguages) {
      expect(new Intl.DateTimeFormat(intlLocale(code)).resolvedOptions().calendar, code).toBe("gregory");
    }
    // What the tag without -u-ca-gregory gives, in Node: ۲ قوس ۱۴۰۵ for 23 November 2026.
    expect(new Intl.DateTimeFormat("fa-AF").resolvedOptions().calendar).toBe("persian");
    expect(new Intl.DateTimeFormat("ps").resolvedOptions().calendar).toBe("persian");
  });

  test("digits: Persian for Dari, Farsi and Pashto, Arabic-Indic for Sorani, Latin for the others (Arabic as CLDR's ar)", () => {
    const digits = Object.fromEntries(supportedLanguages.map((code) => [code, formatNumber(1234567890, code).replace(/\P{Nd}/gu, "")]));
    const persian = "۱۲۳۴۵۶۷۸۹۰";
    const arabicIndic = "١٢٣٤٥٦٧٨٩٠";
    for (const code of supportedLanguages) {
      const want = ["fa-AF", "fa", "ps"].includes(code) ? persian : code === "ckb" ? arabicIndic : "1234567890";
      expect(digits[code], code).toBe(want);
    }
  });

  test("an unknown language is written as English", () => {
    expect(formatDate(new Date(Date.UTC(2026, 10, 23)), "xx")).toBe("23 Nov 2026");
    expect(formatNumber(1000, "xx")).toBe("1,000");
  });

  test("five languages are right to left, and every language has its own name in its own script", () => {
    expect(languages.filter((l) => l.dir === "rtl").map((l) => l.code)).toEqual(["ar", "fa-AF", "fa", "ps", "ckb"]);
    for (const { code, name } of languages) {
      expect(languageDirection(code)).toBe(languages.find((l) => l.code === code)?.dir);
      expect(languageName(code)).toBe(name);
    }
    expect(languageName("fa-AF")).toBe("دری");
    expect(languageName("kmr")).toBe("Kurdî (Kurmancî)");
  });
});

describe("which language a browser asks for", () => {
  test.each([
    ["fa-AF", "fa-AF"],
    ["prs", "fa-AF"],
    ["prs-AF", "fa-AF"],
    ["fa", "fa"],
    ["fa-IR", "fa"],
    ["FA-ir", "fa"],
    ["ps-AF", "ps"],
    ["ckb", "ckb"],
    ["ckb-IQ", "ckb"],
    ["ku-Arab", "ckb"],
    ["ku-Arab-IQ", "ckb"],
    ["ku", "kmr"],
    ["ku-TR", "kmr"],
    ["ku-Latn", "kmr"],
    ["kmr", "kmr"],
    ["ti-ER", "ti"],
    ["am-ET", "am"],
    ["om-ET", "om"],
    ["vi-VN", "vi"],
    ["sq-XK", "sq"],
    ["so-SO", "so"],
    ["ar-SD", "ar"],
    ["en-GB", "en"],
    ["de-DE", null],
    ["not a tag", null],
  ])("%s → %s", (tag, want) => {
    expect(matchLanguage(tag)).toBe(want);
  });

  test("Accept-Language: the first language we speak, by the browser's own order of preference", () => {
    expect(languageFromAcceptLanguage("de-DE,de;q=0.9,fa-AF;q=0.8,en;q=0.7")).toBe("fa-AF");
    expect(languageFromAcceptLanguage("en;q=0.5, ti-ER;q=0.9, *;q=0.1")).toBe("ti");
    expect(languageFromAcceptLanguage("fa-IR,fa;q=0.9")).toBe("fa");
    expect(languageFromAcceptLanguage("ku;q=0, so")).toBe("so");
    expect(languageFromAcceptLanguage("de, fr")).toBeNull();
    expect(languageFromAcceptLanguage("")).toBeNull();
    expect(languageFromAcceptLanguage(null)).toBeNull();
  });
});

describe("i18next with Voices' options", () => {
  const resources = Object.fromEntries(
    supportedLanguages.map((code) => [
      code,
      { common: { item_zero: "none", item_one: "one", item_two: "two", item_few: "few", item_many: "many", item_other: "other" } },
    ]),
  );

  test("plural forms for 0, 1, 2, 3, 11 and 100 in every language", async () => {
    const i18n = createInstance();
    await i18n.init({ ...i18nextOptions, resources, lng: "en" });
    const forms = Object.fromEntries(
      supportedLanguages.map((code) => [code, [1, 2, 3, 11, 100].map((count) => i18n.getFixedT(code)("item", { count })).join(" ")]),
    );
    expect(forms).toEqual({
      en: "one other other other other",
      ar: "one two few many other",
      "fa-AF": "one other other other other",
      fa: "one other other other other",
      ps: "one other other other other",
      ckb: "one other other other other",
      kmr: "one other other other other",
      ti: "one other other other other",
      am: "one other other other other",
      om: "one other other other other",
      vi: "other other other other other",
      sq: "one other other other other",
      so: "one other other other other",
    });
    // NOTE: for a count of 0, i18next takes key_zero in every language that has one.
    for (const code of supportedLanguages) expect(i18n.getFixedT(code)("item", { count: 0 }), code).toBe("none");
  });

  test("no language falls back at runtime: the server layers Dari over Farsi over English itself", async () => {
    const i18n = createInstance();
    await i18n.init({ ...i18nextOptions, resources: { fa: { common: { onlyInFarsi: "فارسی" } } }, lng: "fa-AF" });
    expect(i18n.services.languageUtils.toResolveHierarchy("fa-AF")).toEqual(["fa-AF"]);
    expect(i18n.t("onlyInFarsi")).toBe("onlyInFarsi");
    expect(Object.fromEntries(supportedLanguages.map((code) => [code, fallbackChain(code)]))).toEqual({
      en: [],
      ar: ["en"],
      "fa-AF": ["fa", "en"],
      fa: ["en"],
      ps: ["en"],
      ckb: ["en"],
      kmr: ["en"],
      ti: ["en"],
      am: ["en"],
      om: ["en"],
      vi: ["en"],
      sq: ["en"],
      so: ["en"],
    });
  });
});
