import { describe, expect, test } from "vitest";
import { merge3 } from "#app/utils/merge.ts";

describe("merge3", () => {
  const base = { title: "Trip", titleTranslations: { ar: "رحلة", ps: "" }, questions: [{ id: "q1", prompt: "Where?", options: [{ id: "o1", label: "Sea" }] }] };

  test("what only they changed comes in; what only I changed stays", () => {
    const mine = { ...base, title: "Summer trip" };
    const theirs = { ...base, titleTranslations: { ar: "رحلة الصيف", ps: "سفر" } };
    expect(merge3(base, mine, theirs)).toEqual({
      value: { title: "Summer trip", titleTranslations: { ar: "رحلة الصيف", ps: "سفر" }, questions: base.questions },
      clashes: [],
    });
  });

  test("both changed the same text differently: mine is kept and the place is named", () => {
    const mine = { ...base, titleTranslations: { ar: "رحلتي" } };
    const theirs = { ...base, titleTranslations: { ar: "رحلتهم" } };
    expect(merge3(base, mine, theirs)).toEqual({ value: { ...base, titleTranslations: { ar: "رحلتي" } }, clashes: ["titleTranslations.ar"] });
  });

  test("inside lists of the same length, item by item; a list whose length both changed is mine whole", () => {
    const theirs = { ...base, questions: [{ ...base.questions[0]!, options: [{ id: "o1", label: "Sea", labelTranslations: { ar: "البحر" } }] }] };
    const mine = { ...base, questions: [{ ...base.questions[0]!, prompt: "Where to?" }] };
    expect(merge3(base, mine, theirs).value.questions).toEqual([
      { id: "q1", prompt: "Where to?", options: [{ id: "o1", label: "Sea", labelTranslations: { ar: "البحر" } }] },
    ]);
    const longer = { ...base, questions: [...base.questions, { id: "", prompt: "When?", options: [] }] };
    const shorter = { ...base, questions: [] };
    const merged = merge3(base, longer, shorter);
    expect(merged.value.questions).toEqual(longer.questions.map((q) => (q.id ? q : { prompt: "When?" })));
    expect(merged.clashes).toEqual(["questions"]);
  });

  test("an empty text, a missing one and null are the same nothing", () => {
    expect(merge3({ a: "", b: null }, { a: undefined, b: "" }, { c: "x" })).toEqual({ value: { c: "x" }, clashes: [] });
  });

  test("no base (a client that sent none): mine wins wherever it differs from theirs", () => {
    expect(merge3(undefined, { a: "1", b: "2" }, { a: "1", b: "3", c: "4" })).toEqual({ value: { a: "1", b: "2", c: "4" }, clashes: ["b"] });
  });
});
