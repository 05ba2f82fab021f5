/**
 * How long the safeguarding screen takes on a 4,000-character text (the longest a young person
 * can send), with every built-in list:
 *   npx tsx bench/screening-speed.ts
 * Prints the compile time once and the per-text time for English, Arabic and mixed text with a
 * few hits. Nothing here asserts a time.
 */
import { performance } from "node:perf_hooks";
import { defaultScreener, screenText } from "#app/screening/screen.ts";

const compileStart = performance.now();
const screener = defaultScreener();
const compileMs = performance.now() - compileStart;

const texts: Record<string, string> = {
  english: "we went to the park after school and played football, then my carer made tea and i did my homework. ",
  arabic: "ذهبنا إلى الحديقة بعد المدرسة ولعبنا كرة القدم ثم عملت واجباتي وأنا أحب أصدقائي كثيرا. ",
  mixed: "i am ok mostly but sometimes i want to die, بدي موت, em muốn chết, he hits me and takes my passport. ",
};

console.log(`compiled ${screener.phraseCount} phrases in ${compileMs.toFixed(0)} ms`);
for (const [name, sentence] of Object.entries(texts)) {
  const text = sentence.repeat(Math.ceil(4000 / sentence.length)).slice(0, 4000);
  for (let i = 0; i < 20; i++) screenText(screener, text); // warm up
  const runs = 200;
  const start = performance.now();
  let hits = 0;
  for (let i = 0; i < runs; i++) hits = screenText(screener, text).length;
  const ms = (performance.now() - start) / runs;
  console.log(`${name.padEnd(8)} 4,000 characters: ${ms.toFixed(2)} ms per text (${hits} hits)`);
}
