import { expect, test } from "vitest";
import { applyRedactions, suggestRedactions } from "#app/utils/redaction.ts";

const none: { nicknames: string[]; terms: { kind: "name" | "school" | "placement" | "place"; text: string }[] } = { nicknames: [], terms: [] };
const kinds = (text: string, known = none) => suggestRedactions(text, known).map((s) => [s.kind, s.text, s.sure]);

test("phone numbers in UK formats and in any script's digits", () => {
  expect(kinds("call me on 07700 900123 tonight")).toEqual([["phone", "07700 900123", true]]);
  expect(kinds("my number +44 7700-900-123")).toEqual([["phone", "+44 7700-900-123", true]]);
  expect(kinds("رقمي ٠٧٧٠٠٩٠٠١٢٣")).toEqual([["phone", "٠٧٧٠٠٩٠٠١٢٣", true]]);
  expect(kinds("شماره من ۰۷۷۰۰ ۹۰۰۱۲۳ است")).toEqual([["phone", "۰۷۷۰۰ ۹۰۰۱۲۳", true]]);
  // Short numbers (999, a year, an age) are not phone numbers.
  expect(kinds("I am 15 and it was 2024, call 999")).toEqual([]);
});

test("email addresses, links, handles, postcodes and street addresses", () => {
  expect(kinds("email sam.k@example.com or see www.example.org/me")).toEqual([
    ["email", "sam.k@example.com", true],
    ["link", "www.example.org/me", true],
  ]);
  expect(kinds("add me @cool_kid99 on snap")).toEqual([["handle", "@cool_kid99", true]]);
  expect(kinds("I live near B70 9LD and b709ld")).toEqual([
    ["postcode", "B70 9LD", true],
    ["postcode", "b709ld", true],
  ]);
  expect(kinds("the house at 12 Oak Road is cold")).toEqual([["address", "12 Oak Road", true]]);
  expect(kinds("I'm in flat 3 now")).toEqual([["address", "flat 3", true]]);
});

test("nicknames of the group and the organisation's names, schools and placements, in any script and case", () => {
  const known = {
    nicknames: ["jordan", "أمير"],
    terms: [
      { kind: "school" as const, text: "Oakwood Academy" },
      { kind: "placement" as const, text: "Willow House" },
      { kind: "name" as const, text: "فاطمة" },
    ],
  };
  expect(kinds("jordan and Jordan went to oakwood academy from willow house", known)).toEqual([
    ["name", "jordan", true],
    ["name", "Jordan", true],
    ["school", "oakwood academy", true],
    ["placement", "willow house", true],
  ]);
  expect(kinds("ذهبت مع أمير وفاطمة", known)).toEqual([["name", "أمير", true]]);
  // A nickname inside a longer word is not that nickname.
  expect(kinds("jordanian food", known)).toEqual([]);
});

test("words that look like names: sure after 'my friend', only offered in the middle of a sentence", () => {
  expect(kinds("my friend Kacper says hi")).toEqual([["name", "Kacper", true]]);
  expect(kinds("My best friend Kacper says hi")).toEqual([["name", "Kacper", true]]);
  expect(kinds("Her name is Mina")).toEqual([["name", "Mina", true]]);
  expect(kinds("she is called Mina")).toEqual([["name", "Mina", true]]);
  expect(kinds("we went swimming with Bilal on Monday")).toEqual([["name", "Bilal", false]]);
  expect(kinds("School is fine. I like English")).toEqual([]);
});

test("applying accepted suggestions keeps everything else as written", () => {
  const text = "call 07700 900123 or email a@b.co";
  const suggestions = suggestRedactions(text, none);
  expect(applyRedactions(text, suggestions, (k) => k)).toBe("call [phone] or email [email]");
  expect(applyRedactions(text, suggestions.slice(1), (k) => k)).toBe("call 07700 900123 or email [email]");
});
