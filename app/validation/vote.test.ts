import { parseWithZod } from "@conform-to/zod";
import { describe, expect, test } from "vitest";
import { coercedVoteSchema, voteAnswers, type VoteQuestion } from "#app/validation/vote.ts";

// voteAnswers reads a vote's fields without conform (the server's hot path). Whatever it accepts,
// conform's parse with the same schema must accept with the same answers; what it cannot read the
// same way it leaves to conform (null). Thousands of forms, fair and odd, are tried both ways.

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}c${"x".repeat(20)}` }));
const questions = (answered: boolean): VoteQuestion[] => [
  { id: "qsingle", kind: "single", maxChoices: null, options: ids("s", 4), answered },
  { id: "qmulti", kind: "multiple", maxChoices: 2, options: ids("m", 4), answered: false },
  { id: "qscale", kind: "scale", maxChoices: null, options: ids("e", 5), answered: false },
  { id: "qrank", kind: "ranking", maxChoices: null, options: ids("r", 3), answered: false },
  { id: "qtext", kind: "text", maxChoices: null, options: [], answered: false },
];

/** A small seeded generator, so that a failure names a form that can be tried again. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, pick: <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}

function randomForm(seed: number, qs: VoteQuestion[]) {
  const r = random(seed);
  const form = new URLSearchParams();
  const [single, multi, scale, rank] = qs as [VoteQuestion, VoteQuestion, VoteQuestion, VoteQuestion];
  const optionOr = (q: VoteQuestion) => r.pick([...q.options.map((o) => o.id), "", "not-an-option", ids("s", 1)[0]!.id]);
  if (r.next() < 0.85) form.append(`q.${single.id}`, optionOr(single));
  if (r.next() < 0.1) form.append(`q.${single.id}`, optionOr(single));
  const multiCount = r.pick([0, 1, 2, 3, 4]);
  for (let i = 0; i < multiCount; i++) form.append(`q.${multi.id}`, optionOr(multi));
  if (r.next() < 0.5) form.append(`q.${scale.id}`, optionOr(scale));
  if (r.next() < 0.5) {
    for (const o of rank.options) if (r.next() < 0.9) form.append(`rank.${rank.id}.${o.id}`, r.pick(["1", "2", "3", "3", "", "0", "4", "x", "01"]));
  }
  if (r.next() < 0.5) {
    form.append("text.qtext", r.pick(["My words", "", "   ", "x".repeat(1001), "كلماتي"]));
    if (r.next() < 0.9) form.append("identity.qtext", r.pick(["team", "safeguarding", "", "name"]));
    if (r.next() < 0.9) form.append("mayQuote.qtext", r.pick(["yes", "no", "", "maybe"]));
    if (r.next() < 0.9) form.append("crid.qtext", r.pick(["request-id-1234", "", "short"]));
    if (r.next() < 0.1) form.append("text.qtext", "again");
  }
  // Names the form never sends: other fields, another question's, ours in another shape, an intent.
  if (r.next() < 0.3) {
    const [name, value] = r.pick([
      ["q.other", "x"],
      ["q", "x"],
      [`q.${single.id}[0]`, single.options[0]!.id],
      ["rank.qother.r0", "1"],
      [`rank.${rank.id}`, "1"],
      ["__intent__", JSON.stringify({ type: "validate" })],
      ["q.__proto__", "x"],
      ["text", "x"],
      ["csrf", "abc"],
      [`q.${single.id}.extra`, "x"],
    ] as const);
    form.append(name, value);
  }
  return form;
}

const conformParse = (qs: VoteQuestion[], form: URLSearchParams) => parseWithZod(form, { schema: coercedVoteSchema(qs), disableAutoCoercion: true });

describe("a vote's fields read without conform", () => {
  for (const answered of [false, true]) {
    test(`give conform's answers whenever they give any (questions ${answered ? "" : "not "}answered before)`, () => {
      const qs = questions(answered);
      let fast = 0;
      let conformAccepted = 0;
      for (let seed = 1; seed <= 4000; seed++) {
        const form = randomForm(seed, qs);
        const mine = voteAnswers(qs, form);
        let theirs: ReturnType<typeof conformParse>;
        try {
          theirs = conformParse(qs, form);
        } catch {
          // conform throws on an intent it cannot read (submitVote drops the field first).
          expect(mine).toBeNull();
          continue;
        }
        if (theirs.status === "success") conformAccepted++;
        if (mine === null) continue;
        fast++;
        expect({ seed, form: form.toString(), status: theirs.status }).toEqual({ seed, form: form.toString(), status: "success" });
        expect(theirs.status === "success" ? theirs.value : null).toEqual(mine);
      }
      // Both ways agree often enough to matter: most forms conform accepts are read the fast way.
      expect(conformAccepted).toBeGreaterThan(200);
      expect(fast).toBeGreaterThan(conformAccepted * 0.8);
    });
  }

  test("the forms the voting page sends are read the fast way", () => {
    const qs = questions(false);
    const [single, multi, scale, rank] = qs as [VoteQuestion, VoteQuestion, VoteQuestion, VoteQuestion];
    const form = new URLSearchParams([
      [`q.${single.id}`, single.options[1]!.id],
      [`q.${multi.id}`, multi.options[0]!.id],
      [`q.${multi.id}`, multi.options[2]!.id],
      [`q.${scale.id}`, scale.options[4]!.id],
      [`rank.${rank.id}.${rank.options[0]!.id}`, "2"],
      [`rank.${rank.id}.${rank.options[1]!.id}`, "3"],
      [`rank.${rank.id}.${rank.options[2]!.id}`, "1"],
      ["text.qtext", "  More buses at night  "],
      ["identity.qtext", "team"],
      ["mayQuote.qtext", "no"],
      ["crid.qtext", "0f5e8a2c-request"],
    ]);
    expect(voteAnswers(qs, form)).toEqual([
      { questionId: single.id, kind: "choice", optionIds: [single.options[1]!.id] },
      { questionId: multi.id, kind: "choice", optionIds: [multi.options[0]!.id, multi.options[2]!.id] },
      { questionId: scale.id, kind: "choice", optionIds: [scale.options[4]!.id] },
      { questionId: rank.id, kind: "ranking", ranking: [rank.options[2]!.id, rank.options[0]!.id, rank.options[1]!.id] },
      { questionId: "qtext", kind: "text", text: "More buses at night", identity: "team", mayQuote: false, clientRequestId: "0f5e8a2c-request" },
    ]);
    // One question alone, as most polls are.
    expect(voteAnswers(qs, new URLSearchParams([[`q.${single.id}`, single.options[3]!.id]]))).toEqual([
      { questionId: single.id, kind: "choice", optionIds: [single.options[3]!.id] },
    ]);
  });

  test("leaves refusals and unusual forms to conform", () => {
    const qs = questions(true);
    const [single, multi] = qs as [VoteQuestion, VoteQuestion];
    for (const form of [
      new URLSearchParams(), // nothing answered
      new URLSearchParams([[`q.${single.id}`, "not-an-option"]]),
      new URLSearchParams([[`q.${single.id}`, ""]]), // emptying an answered question
      new URLSearchParams([[`q.${multi.id}`, multi.options[0]!.id], [`q.${multi.id}`, multi.options[1]!.id], [`q.${multi.id}`, multi.options[2]!.id]]),
      new URLSearchParams([[`q.${single.id}`, single.options[0]!.id], ["__intent__", "{}"]]),
      new URLSearchParams([[`q.${single.id}`, single.options[0]!.id], ["q.__proto__", "x"]]),
    ]) {
      expect(voteAnswers(qs, form)).toBeNull();
    }
    const withFile = new FormData();
    withFile.append(`q.${single.id}`, new Blob(["x"]));
    expect(voteAnswers(qs, withFile)).toBeNull();
  });
});
