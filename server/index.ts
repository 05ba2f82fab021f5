/**
 * Voices' HTTP server: Express serves Remix, and socket.io shares the same HTTP server.
 *   node --import tsx server/index.ts            (production build, NODE_ENV=production)
 *   NODE_ENV=development node --import tsx server/index.ts   (Vite dev server)
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import type { ViteDevServer } from "vite";
import { startServer } from "#server/app.ts";

function ensureSessionSecret() {
  if (process.env.SESSION_SECRET) return;
  // quickstart: a secret made once and kept beside the SQLite file, never committed.
  const file = path.resolve("data/session-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
  }
  process.env.SESSION_SECRET = readFileSync(file, "utf8").trim();
}

ensureSessionSecret();
const mode = process.env.NODE_ENV === "production" ? "production" : "development";
process.env.NODE_ENV = mode;

const { migrate } = await import("#server/migrate.ts");
const { DEFAULT_DATABASE_URL } = await import("#app/utils/database-url.ts");
const applied = await migrate(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

let build: ServerBuild | (() => Promise<ServerBuild>);
let vite: ViteDevServer | undefined;
if (mode === "development") {
  const { createServer: createViteServer } = await import("vite");
  vite = await createViteServer({ server: { middlewareMode: true } });
  build = () => vite!.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
} else {
  // @ts-expect-error the build exists only after `npm run build`
  build = (await import("../build/server/index.js")) as ServerBuild;
}

const port = Number(process.env.PORT || 3000);
const httpServer = createServer();
await startServer({ httpServer, build, vite, mode });
httpServer.listen(port, () => {
  console.log(`Voices is listening on http://localhost:${port}`);
});

function shutdown() {
  httpServer.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
