/**
 * Server time of a young person's home page (/me), on the production build with embedded SQLite:
 *   npm run build && npx tsx bench/home-page.ts
 * Starts the real server on a fresh, seeded SQLite file, signs in as a demo young person, then
 * (1) 500 requests one after another: the median and p95 server time of one page with no queue;
 * (2) 10 connections for 10 seconds with autocannon: throughput and latency under load.
 * Load generator and server share this machine; figures are for comparison between runs.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const port = 3900 + Math.floor(Math.random() * 50);
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(path.join(os.tmpdir(), "voices-bench-"));
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
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
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

  const check = await fetch(`${base}/me`, { headers: { Cookie: cookie } });
  const html = await check.text();
  if (check.status !== 200 || !html.includes("jordan")) throw new Error("/me did not render for the demo user");

  const times: number[] = [];
  for (let i = 0; i < 550; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/me`, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" } });
    await response.arrayBuffer();
    if (i >= 50) times.push(performance.now() - started); // the first 50 warm up
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);

  const loaded = await autocannon({ url: `${base}/me`, connections: 10, duration: 10, headers: { Cookie: cookie } });

  console.log(`GET /me (young person's home), production build, SQLite — ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}`);
  console.log(`one at a time (500 requests): median ${pct(50)} ms, p95 ${pct(95)} ms, page ${(html.length / 1024).toFixed(1)} KB of HTML`);
  console.log(
    `10 connections for 10 s: ${loaded.requests.average.toFixed(0)} requests/s, latency median ${loaded.latency.p50} ms, p99 ${loaded.latency.p99} ms, non-2xx ${loaded.non2xx}`,
  );
} finally {
  process.kill(-server.pid!, "SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
