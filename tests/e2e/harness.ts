/**
 * The browser-test harness: each test file gets the production server (the build, as `npm start`
 * runs it) on a fresh SQLite file, and Debian's Chromium driven by playwright-core.
 *
 *   const app = setupE2E();                       // at the top of a test file
 *   test("…", async () => {
 *     const group = await createGroup();          // tests/factories.ts writes to the server's database
 *     const page = await app.newPage({ javaScriptEnabled: false, locale: "ar" });
 *     await page.goto("/join");                   // relative to the server
 *   });
 *
 * Every page a test opens is watched: a console error (CSP violations included), an uncaught
 * exception, a failed same-origin request or anything the server writes to stderr fails the test,
 * unless the test named it with `app.allowErrors(…)`. A failing test leaves a screenshot of each of
 * its pages in test-results/screenshots/failed/.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, type WriteStream } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, type TestContext } from "vitest";
import { TEST_PASSWORD } from "#tests/factories.ts";
import { chromiumPath, ROOT, SCREENSHOTS_DIR, SERVER_LOGS_DIR } from "./paths.ts";

/** The flags that make Debian's Chromium behave with no network but the test server's. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A cheap Android phone. */
export const PHONE = { width: 360, height: 740 } as const;

export type PageOptions = {
  /** false: the page as a phone with JavaScript switched off (or not yet loaded) sees it. */
  javaScriptEnabled?: boolean;
  /** The browser's language (navigator.language and Accept-Language); default en-GB. */
  locale?: string;
  /** Anything else Playwright accepts, e.g. a bigger viewport for a staff screen. */
  contextOptions?: BrowserContextOptions;
  /**
   * true: the context stays open for the file's later tests (closed after the last one), for
   * tests that only read and would otherwise each open the same context again. Still watched.
   */
  keepOpen?: boolean;
};

type Problem = { kind: "console" | "pageerror" | "request" | "server"; text: string };
type Pattern = string | RegExp;

export type E2E = {
  /** http://127.0.0.1:<port>, the server's address (pages' relative URLs resolve against it). */
  readonly baseURL: string;
  /** The server's (and this process's) DATABASE_URL. */
  readonly databaseUrl: string;
  readonly browser: Browser;
  /** A new browser context at phone size (360×740, touch), watched for errors; closed after the test (unless keepOpen). */
  newContext(options?: PageOptions): Promise<BrowserContext>;
  /** A page in a new phone-sized context. */
  newPage(options?: PageOptions): Promise<Page>;
  /** Puts a session for this user into the context (the same cookie signing in would set). */
  signInAs(context: BrowserContext, userId: string): Promise<void>;
  /** Known, accepted messages for the current test only: a substring or a RegExp each. */
  allowErrors(...patterns: Pattern[]): void;
  /** The problems seen so far in the current test (not yet including allowed ones). */
  problems(): readonly string[];
  /** Everything the server has printed since the file started. */
  serverOutput(): string;
};

/** Registers the file's hooks: server and browser in beforeAll, checks after each test, teardown. */
export function setupE2E(options: { allowErrors?: Pattern[]; serverEnv?: Record<string, string> } = {}): E2E {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let tempDir: string | undefined;
  let databaseUrl = "";
  let contexts: BrowserContext[] = [];
  /** Contexts opened with keepOpen: closed in afterAll. */
  const fileContexts: BrowserContext[] = [];
  let problems: Problem[] = [];
  let allowed: Pattern[] = [];
  let testRunning = false;

  const record = (problem: Problem) => {
    if (testRunning) problems.push(problem);
  };

  beforeAll(async () => {
    tempDir = mkdtempSync(path.join(os.tmpdir(), "voices-e2e-"));
    databaseUrl = `file:${path.join(tempDir, "voices.db")}`;
    const sessionSecret = randomBytes(32).toString("base64url");
    // tests/factories.ts (through app/utils/db.server.ts) reads these on first use: the same file.
    process.env.DATABASE_URL = databaseUrl;
    process.env.SESSION_SECRET = sessionSecret;
    await retryBusyTransactions();
    [server, browser] = await Promise.all([
      startServer({
        databaseUrl,
        sessionSecret,
        name: path.basename(expect.getState().testPath ?? "server", ".ts"),
        extraEnv: options.serverEnv ?? {},
        onStderr: (text) => record({ kind: "server", text }),
      }),
      chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true }),
    ]);
  });

  beforeEach(() => {
    problems = [];
    allowed = [];
    testRunning = true;
  });

  afterEach(async (context) => {
    testRunning = false;
    const failed = context.task.result?.state === "fail";
    const unexpected = problems.filter((p) => !isAllowed(p.text, [...(options.allowErrors ?? []), ...allowed]));
    if (failed || unexpected.length) await screenshotAll([...fileContexts, ...contexts], context);
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    contexts = [];
    // Messages that arrived while the contexts closed count too.
    const all = problems.filter((p) => !isAllowed(p.text, [...(options.allowErrors ?? []), ...allowed]));
    problems = [];
    allowed = [];
    if (all.length) {
      throw new Error(
        `The browser or the server reported ${all.length} problem(s) during this test ` +
          `(app.allowErrors(…) accepts a known one):\n${all.map((p) => `  [${p.kind}] ${p.text}`).join("\n")}`,
      );
    }
  });

  afterAll(async () => {
    await Promise.all(fileContexts.map((c) => c.close().catch(() => {})));
    await browser?.close().catch(() => {});
    const { disconnectDb } = await import("#app/utils/db.server.ts");
    await disconnectDb();
    await server?.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  async function newContext(pageOptions: PageOptions = {}) {
    if (!browser || !server) throw new Error("setupE2E(): the server and browser start in beforeAll; use them inside a test.");
    const origin = server.baseURL;
    const context = await browser.newContext({
      baseURL: origin,
      viewport: { ...PHONE },
      screen: { ...PHONE },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: pageOptions.locale ?? "en-GB",
      javaScriptEnabled: pageOptions.javaScriptEnabled ?? true,
      ...pageOptions.contextOptions,
    });
    // Fail fast rather than at vitest's test timeout; a cold CI machine still has room.
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    (pageOptions.keepOpen ? fileContexts : contexts).push(context);
    if (pageOptions.javaScriptEnabled === false) withoutJavaScript.add(context);
    watch(context, origin, pageOptions.javaScriptEnabled ?? true, record);
    return context;
  }

  return {
    get baseURL() {
      if (!server) throw new Error("setupE2E(): the server starts in beforeAll.");
      return server.baseURL;
    },
    get databaseUrl() {
      return databaseUrl;
    },
    get browser() {
      if (!browser) throw new Error("setupE2E(): the browser starts in beforeAll.");
      return browser;
    },
    newContext,
    async newPage(pageOptions) {
      const context = await newContext(pageOptions);
      return context.newPage();
    },
    async signInAs(context, userId) {
      const { createSession } = await import("#app/utils/session.server.ts");
      const [pair] = (await createSession(userId)).split(";");
      const at = pair!.indexOf("=");
      await context.addCookies([{ name: pair!.slice(0, at), value: pair!.slice(at + 1), url: server!.baseURL, httpOnly: true, sameSite: "Lax" }]);
    },
    allowErrors(...patterns) {
      allowed.push(...patterns);
    },
    problems() {
      return problems.map((p) => `[${p.kind}] ${p.text}`);
    },
    serverOutput() {
      return server?.output() ?? "";
    },
  };
}

/** Contexts opened with JavaScript switched off (they never hydrate). */
const withoutJavaScript = new WeakSet<BrowserContext>();

function isAllowed(text: string, patterns: Pattern[]) {
  return patterns.some((p) => (typeof p === "string" ? text.includes(p) : p.test(text)));
}

/** Console errors, uncaught exceptions and failed same-origin requests of every page in the context. */
function watch(context: BrowserContext, origin: string, javaScriptEnabled: boolean, record: (problem: Problem) => void) {
  const sameOrigin = (url: string) => {
    try {
      return new URL(url).origin === origin;
    } catch {
      return false;
    }
  };
  context.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    const where = message.location().url;
    // Chromium's own line for an HTTP error status; the response listener below judges those
    // (a 400 answer to a form with mistakes in it is the app working).
    if (text.startsWith("Failed to load resource") && sameOrigin(where)) return;
    record({ kind: "console", text: `${text}${where ? ` (${where})` : ""}` });
  });
  context.on("weberror", (error) => {
    const e = error.error();
    record({ kind: "pageerror", text: `${e.message}${e.stack ? `\n${e.stack}` : ""}` });
  });
  context.on("requestfailed", (request) => {
    if (!sameOrigin(request.url())) return;
    const failure = request.failure()?.errorText ?? "failed";
    // A request the browser dropped because the page navigated on is not the app's fault.
    if (failure === "net::ERR_ABORTED") return;
    // With JavaScript switched off, Chromium refuses the page's scripts (and says "csp").
    if (!javaScriptEnabled && failure === "csp" && request.resourceType() === "script") return;
    record({ kind: "request", text: `${request.method()} ${request.url()} ${failure}` });
  });
  context.on("response", (response) => {
    if (!sameOrigin(response.url())) return;
    const status = response.status();
    const type = response.request().resourceType();
    // Documents and data requests may answer 4xx on purpose (a form's mistakes, a 404 page); a
    // missing script, stylesheet or image may not; a 5xx never.
    if (status >= 500 || (status >= 400 && !["document", "fetch", "xhr"].includes(type))) {
      record({ kind: "request", text: `${response.request().method()} ${response.url()} → ${status} (${type})` });
    }
  });
}

async function screenshotAll(contexts: BrowserContext[], context: TestContext) {
  const pages = contexts.flatMap((c) => c.pages());
  const file = path.basename(context.task.file?.name ?? "test", ".test.ts");
  const describe = context.task.suite && context.task.suite !== context.task.file ? `${context.task.suite.name}--` : "";
  // One file per test: a "/" in a test's name is not a folder.
  const test = `${describe}${context.task.name}`.replaceAll("/", "_");
  for (const [index, page] of pages.entries()) {
    const name = `failed/${file}--${test}${pages.length > 1 ? `--${index + 1}` : ""}`;
    await screenshot(page, name).catch(() => {});
  }
}

/** Saves a full-page PNG to test-results/screenshots/<name>.png (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const safe = name
    .split("/")
    .map((part) => part.replace(/[^\p{L}\p{N}._-]+/gu, "-").replace(/^-+|-+$/g, ""))
    .filter(Boolean)
    .join("/");
  const file = path.join(SCREENSHOTS_DIR, `${safe || "screenshot"}.png`);
  mkdirSync(path.dirname(file), { recursive: true });
  // A long page at twice the phone's pixels can take a while on a busy machine; it is a picture for
  // people, not a check, so it gets longer than the context's 15 s.
  await page.screenshot({ path: file, fullPage: true, timeout: 60_000 });
  return file;
}

/**
 * Waits for the answer to a form sent to `path`: the document request without JavaScript, or
 * Remix's single-fetch data request (`/join.data`, `/_root.data` for "/") with it.
 *   const [response] = await Promise.all([formResponse(page, "/join"), button.click()]);
 */
export function formResponse(page: Page, path: string, method = "POST") {
  const dataPath = path === "/" ? "/_root.data" : `${path.replace(/\/$/, "")}.data`;
  return page.waitForResponse((response) => {
    if (response.request().method() !== method) return false;
    const { pathname } = new URL(response.url());
    return pathname === path || pathname === dataPath;
  });
}

/**
 * Signs in through /sign-in as a person would (the English form) and waits to leave the page;
 * throws with the page's message if it says no.
 */
export async function signIn(page: Page, login: string, password: string = TEST_PASSWORD) {
  await page.goto("/sign-in");
  await waitForHydration(page);
  await page.getByLabel("Nickname (or email for staff)").fill(login);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Both settle (the loser when the context closes), so neither rejects unhandled.
  const outcome = await Promise.race([
    page.waitForURL((url) => url.pathname !== "/sign-in").then(() => "signed in" as const, () => "timeout" as const),
    // The sign-in form's own message (a staff page's header may carry a safeguarding alert).
    page.getByRole("main").getByRole("alert").waitFor().then(() => "refused" as const, () => "timeout" as const),
  ]);
  if (outcome === "timeout") throw new Error(`signIn(${JSON.stringify(login)}): the page neither moved on nor said why.`);
  if (outcome === "refused") {
    throw new Error(`signIn(${JSON.stringify(login)}) was refused: ${await page.getByRole("main").getByRole("alert").innerText()}`);
  }
}

/**
 * Waits until React has hydrated the page's main content, so clicks go to React and not to the
 * server-rendered HTML (a native form post instead of Remix's). Pages without JavaScript never do.
 */
export async function waitForHydration(page: Page) {
  if (withoutJavaScript.has(page.context())) return;
  await page.waitForFunction(() => {
    const hydrated = (el: Element) => Object.keys(el).some((key) => key.startsWith("__reactFiber$"));
    const main = document.querySelector("main");
    return !!main && hydrated(main) && Array.from(main.querySelectorAll("a, button, input, select, textarea")).every(hydrated);
  });
}

/** True when the page is wider than the screen (sideways scrolling on a phone). */
export async function hasHorizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

export type AxeProblem = { id: string; impact: string; help: string; targets: string[] };

/** axe-core's serious and critical violations on the page as it is now (needs JavaScript). */
export async function axeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<AxeProblem[]> {
  // Legacy mode runs axe.run() in the page (and in its same-origin frames) instead of runPartial()
  // in each frame and finishRun() in a blank page the builder opens for every scan: the same rules
  // and the same results on our pages (none has a cross-origin frame; CSP allows none), in less
  // than half the time, as a new page is a new renderer process.
  // target-size (WCAG 2.2 AA 2.5.8, 24 px) is off in axe-core by default (enabled: false); it is on
  // here, on every screen. Young people's screens keep to 44 px besides (tests/e2e/phone.test.ts).
  let builder = new AxeBuilder({ page }).setLegacyMode().options({ rules: { "target-size": { enabled: true } } });
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

// ——— the server ———

type RunningServer = { baseURL: string; output: () => string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

// Node's own warnings (experimental features, deprecations) are not the app's errors.
const NODE_WARNING = /^\(node:\d+\) \[?\w*\]? ?\w*Warning|^\(Use `node --trace-\w+ \.\.\.` to show where/;

const CLIENT_ERROR_RESPONSE = /^ErrorResponseImpl \{\s+status: 4\d\d,/;

async function startServer(input: {
  databaseUrl: string;
  sessionSecret: string;
  /** Names the log file in test-results/e2e-server-logs/. */
  name: string;
  extraEnv: Record<string, string>;
  onStderr: (text: string) => void;
}): Promise<RunningServer> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  // The server is not under test by vitest; it must not think it is.
  const inherited = Object.entries(process.env).filter(
    ([key]) => !/^(VITEST|TEST_|NODE_OPTIONS$|TRUST_PROXY$|SECURE_COOKIES$)/.test(key),
  );
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(inherited),
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: input.databaseUrl,
    SESSION_SECRET: input.sessionSecret,
    ...input.extraEnv,
  };

  mkdirSync(SERVER_LOGS_DIR, { recursive: true });
  const logFile = path.join(SERVER_LOGS_DIR, `${input.name}.log`);
  const log: WriteStream = createWriteStream(logFile);
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env,
    // Its own process group, so stopping it stops anything it started.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => killGroup("SIGKILL");
  process.on("exit", onExit);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  let stopping = false;
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    log.write(chunk);
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    log.write(chunk);
    // The app's handleError logs every 4xx answer too (Chromium asks for /favicon.ico by itself);
    // those are the app answering, judged by the browser-side checks, not server failures.
    if (CLIENT_ERROR_RESPONSE.test(text)) return;
    const lines = text.split("\n").filter((line) => line.trim() && !NODE_WARNING.test(line));
    if (lines.length && !stopping) input.onStderr(lines.join("\n"));
  });
  void exitPromise.then(() => {
    if (!stopping) input.onStderr(`the server stopped by itself (${JSON.stringify(exited)})`);
  });

  // Up when /healthz answers 200 (migrations ran, the database answers).
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) {
      throw new Error(`The server exited during start-up (${JSON.stringify(exited)}). Its output:\n${output}`);
    }
    const status = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      killGroup("SIGKILL");
      throw new Error(`The server did not answer GET /healthz with 200 within 90 s (last: ${status}). Its output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    baseURL,
    output: () => output,
    async stop() {
      stopping = true;
      if (!exited) {
        killGroup("SIGTERM");
        const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5_000).unref());
        if ((await Promise.race([exitPromise, timeout])) === "timeout") {
          killGroup("SIGKILL");
          await exitPromise;
        }
      }
      // Anything it started in its group goes too.
      killGroup("SIGKILL");
      process.off("exit", onExit);
      await new Promise<void>((resolve) => log.end(resolve));
    },
  };
}

/** What nextLiveConnection needs of Playwright's WebSocket. */
type LiveSocket = { url(): string; on(event: "framereceived", listener: (frame: { payload: string | Buffer }) => void): unknown };

/**
 * Resolves when the page's next socket.io connection is accepted by the server and the page says
 * so (`<html data-live="connected">`, set by useLiveRevalidate). Start it before the navigation
 * that opens the live screen (a client-side navigation can leave the previous screen's mark for a
 * moment):
 *   const live = nextLiveConnection(page);
 *   await page.getByRole("link", { name: "…" }).click();
 *   await live;
 * Also waits for the first socket of a full page load (`page.goto`) when started before it.
 */
export function nextLiveConnection(page: Page, timeout = 15_000): Promise<void> {
  const accepted = new Promise<void>((resolve, reject) => {
    const onSocket = (socket: LiveSocket) => {
      if (!new URL(socket.url()).pathname.startsWith("/socket.io/")) return;
      page.off("websocket", onSocket);
      // socket.io's CONNECT acknowledgement: Engine.IO message "4", Socket.IO packet "0".
      socket.on("framereceived", (frame) => {
        if (typeof frame.payload === "string" && frame.payload.startsWith("40")) {
          clearTimeout(timer);
          resolve();
        }
      });
    };
    const timer = setTimeout(() => {
      page.off("websocket", onSocket);
      reject(new Error(`nextLiveConnection: no socket.io connection was accepted within ${timeout} ms (${page.url()})`));
    }, timeout);
    page.on("websocket", onSocket);
    page.once("close", () => clearTimeout(timer));
  });
  const live = accepted.then(() => page.locator('html[data-live="connected"]').waitFor({ state: "attached", timeout }));
  // A test that fails before awaiting it leaves no unhandled rejection behind (awaiting still throws).
  live.catch(() => {});
  return live;
}

/**
 * The test process's interactive transactions (factories, models called by tests) run again when
 * SQLite refused them as busy: see retryBusy. Each is one transaction, kept whole or not at all.
 */
async function retryBusyTransactions() {
  const { getDb } = await import("#app/utils/db.server.ts");
  const client = getDb() as unknown as { $transaction: (...args: unknown[]) => Promise<unknown>; retriesBusy?: true };
  if (client.retriesBusy) return;
  const original = client.$transaction.bind(client);
  client.$transaction = (...args) => (typeof args[0] === "function" ? retryBusy(() => original(...args)) : original(...args));
  client.retriesBusy = true;
}

/**
 * Runs a model call from the test process again when SQLite refused it as busy (Prisma's P1008,
 * "Operation has timed out"). NOTE: only the tests write to the server's database file from a second
 * process: an interactive transaction that read first and then writes fails at once
 * (SQLITE_BUSY_SNAPSHOT) when the server committed in between. The app itself has one process and
 * one connection, where this cannot happen. The call must be one transaction (nothing kept when it
 * fails).
 */
export async function retryBusy<T>(call: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || (error as { code?: string }).code !== "P1008") throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
