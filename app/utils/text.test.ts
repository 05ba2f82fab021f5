import { expect, test } from "vitest";
import { normaliseCode, normaliseLoginKey, toAsciiDigits } from "./text.ts";

test("digits typed in Arabic, Persian and other scripts become ASCII", () => {
  expect(toAsciiDigits("٤٨٢١٧٧٣٠")).toBe("48217730");
  expect(toAsciiDigits("۴۸۲۱۷۷۳۰")).toBe("48217730");
  expect(toAsciiDigits("４８２１")).toBe("4821");
  expect(toAsciiDigits("abc 123")).toBe("abc 123");
});

test("a code as typed keeps only its digits, whatever the separators", () => {
  expect(normaliseCode(" ٤٨٢١-۷۷۳۰ ")).toBe("48217730");
  expect(normaliseCode("4821 7730")).toBe("48217730");
});

test("nicknames compare without case, width, extra spaces or invisible characters", () => {
  expect(normaliseLoginKey("  Sara\u200B  K ")).toBe("sara k");
  expect(normaliseLoginKey("ＳＡＲＡ")).toBe("sara");
  expect(normaliseLoginKey("سارا٣")).toBe("سارا3");
});
