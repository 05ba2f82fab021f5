import type { Server as HttpServer } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import type { ViteDevServer } from "vite";
import { warmUpScreen } from "#app/models/screening.server.ts";
import { env } from "#app/utils/env.server.ts";
import { pooledRandomBytes } from "#app/utils/random-pool.server.ts";
import { startJobRunner } from "#server/jobs.ts";
import { attachRealtime } from "#server/realtime.ts";
import { hmrPort } from "#server/hmr-port.ts";
import { crossSite, crossSiteRefusal, voteEndpoint } from "#server/vote-endpoint.ts";
import { startWalCheckpointer } from "#server/wal-checkpointer.ts";

/** A CSP nonce: 16 random bytes, used once. */
const nextNonce = () => pooledRandomBytes(16).toString("base64");

type Options = {
  httpServer: HttpServer;
  /**
   * The production build as an object: Remix then derives its routes once. A function (the Vite
   * dev server's, so that edits are picked up) makes Remix derive every route on every request.
   */
  build: ServerBuild | (() => Promise<ServerBuild>);
  vite?: ViteDevServer;
  mode: "development" | "production";
};

/** Cross-site posts: the cookie is SameSite=Lax already; refuse a foreign Origin as well. */
function refuseCrossSite(req: express.Request, res: express.Response, next: express.NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  if (crossSite(req.get("origin"), req.get("host"))) {
    res.status(403).type("text/plain; charset=utf-8").send(crossSiteRefusal(req.get("accept-language")));
    return;
  }
  next();
}

/** Express + Remix + socket.io on one HTTP server. */
export async function startServer({ httpServer, build, vite, mode }: Options) {
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", Number(process.env.TRUST_PROXY) || 1);

  app.use(compression());

  app.use((_req, res, next) => {
    res.locals.cspNonce = nextNonce();
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": [
            "'self'",
            (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`,
          ],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'"],
          // socket.io: same origin only (the Vite dev server's HMR socket in development).
          "connect-src": ["'self'", ...(mode === "development" ? [`ws://localhost:${hmrPort()}`] : [])],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "base-uri": ["'none'"],
          "object-src": ["'none'"],
          "manifest-src": ["'self'"],
          "media-src": ["'self'"],
          "worker-src": ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      // NOTE: not "no-referrer": with it Chromium sends `Origin: null` on form posts, which Remix
      // refuses as cross-site (every no-JavaScript form answered 500). same-origin tells nothing to
      // other sites.
      referrerPolicy: { policy: "same-origin" },
      strictTransportSecurity: process.env.SECURE_COOKIES === "true",
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    next();
  });

  app.use(refuseCrossSite);

  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h", index: false }));
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      mode,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
      }),
    }),
  );

  // The vote endpoint the voting page's JavaScript posts to is answered ahead of Express
  // (server/vote-endpoint.ts, decision 016); everything else, the form post without JavaScript
  // included, goes through Express and Remix.
  const vote = voteEndpoint(build);
  httpServer.on("request", (req, res) => {
    if (!vote(req, res)) app(req, res);
  });
  await attachRealtime(httpServer);
  // The safeguarding screen takes about a second to build: before the first young person writes.
  void warmUpScreen().catch((error: unknown) => console.error("The safeguarding screen could not be built:", error));
  // SQLite's log copied back off the event loop, not inside a vote's commit.
  const checkpointer = startWalCheckpointer(env().DATABASE_URL);
  httpServer.on("close", () => void checkpointer?.stop());
  // Alert emails and escalation timers (durable jobs in the database).
  const jobs = startJobRunner({ pollMs: env().JOBS_POLL_MS });
  httpServer.on("close", () => void jobs.stop());
  return app;
}
