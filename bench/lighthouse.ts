/**
 * Lighthouse (mobile: a mid-range phone on slow 4G, simulated) on a young person's home and
 * "say something" screens, from the production build with embedded SQLite (issue 6):
 *   npm run build && npx tsx bench/lighthouse.ts
 * Lighthouse 12.8 (the last to run on Node 20) comes from the npm registry through npx, and drives
 * Debian's Chromium; the demo young person "jordan" is signed in with a cookie header. Prints
 * each category's score and the main timings; the full reports go to bench/results/.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const LIGHTHOUSE = "lighthouse@12.8.2";
const port = 3950 + Math.floor(Math.random() * 40);
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(path.join(os.tmpdir(), "voices-lighthouse-"));
const results = path.resolve("bench/results");
mkdirSync(results, { recursive: true });
const chrome = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  PORT: String(port),
  DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
  SESSION_SECRET: "bench-secret-bench-secret-bench-secret-123",
};

for (const script of ["db:migrate", "db:seed"]) {
  const result = spawnSync("npm", ["run", "--silent", script], { env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${script} failed`);
}
const server = spawn("node", ["--import", "tsx", "server/index.ts"], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });

try {
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (i > 100) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  const signIn = await fetch(`${base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ login: "jordan", password: "voices-demo-2026" }),
  });
  const cookie = signIn.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed: ${signIn.status}`);

  console.log(`Lighthouse ${LIGHTHOUSE.split("@")[1]}, mobile preset (simulated slow 4G, 4× CPU slowdown), ${chrome}`);
  console.log(`Machine: ${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
  console.log("screen | performance | accessibility | best practices | FCP | LCP | TBT | CLS | JS transferred");
  for (const [name, pathname] of [["home", "/me"], ["say something", "/me/say"]] as const) {
    const out = path.join(results, `lighthouse-${pathname.replaceAll("/", "_")}.json`);
    const run = spawnSync(
      "npx",
      [
        "--yes",
        LIGHTHOUSE,
        `${base}${pathname}`,
        `--chrome-path=${chrome}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync",
        `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
        "--only-categories=performance,accessibility,best-practices",
        "--output=json",
        `--output-path=${out}`,
        "--quiet",
      ],
      { stdio: ["ignore", "inherit", "inherit"], env: process.env },
    );
    if (run.status !== 0) throw new Error(`lighthouse failed on ${pathname}`);
    const report = JSON.parse(readFileSync(out, "utf8")) as {
      categories: Record<string, { score: number }>;
      audits: Record<string, { displayValue?: string; numericValue?: number; details?: { items?: { resourceType?: string; transferSize?: number }[] } }>;
    };
    const score = (c: string) => Math.round((report.categories[c]?.score ?? 0) * 100);
    const shown = (a: string) => report.audits[a]?.displayValue ?? "?";
    const js = (report.audits["resource-summary"]?.details?.items ?? []).find((i) => i.resourceType === "script")?.transferSize ?? 0;
    console.log(
      `${name} | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${shown("first-contentful-paint")} | ${shown("largest-contentful-paint")} | ${shown("total-blocking-time")} | ${shown("cumulative-layout-shift")} | ${(js / 1024).toFixed(1)} KB`,
    );
  }
} finally {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    server.kill("SIGTERM");
  }
}
