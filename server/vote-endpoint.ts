import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { fallbackLanguage, languageFromAcceptLanguage } from "#app/utils/i18n.ts";
import { resources } from "#app/utils/locales.server.ts";

// POST /api/polls/:pollId/vote, the vote endpoint the voting page's JavaScript posts to (decision
// 016), answered straight from Node's HTTP server, ahead of Express, compression, the page headers
// and Remix: a short JSON answer needs none of them, and a vote is the hottest request there is.
// The same cross-site rule as every other post comes first.

const PATH = /^\/api\/polls\/([^/?#]+)\/vote(?:\?.*)?$/;
const MAX_BODY = 64 * 1024;

/** A post from another site (a foreign Origin) is refused; no Origin or "null" is left to the SameSite cookie. */
export function crossSite(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The refusal, in the first of the browser's languages we speak (no account is looked up for it). */
export function crossSiteRefusal(acceptLanguage: string | undefined): string {
  const lng = languageFromAcceptLanguage(acceptLanguage ?? null) ?? fallbackLanguage;
  const common = resources[lng]?.common as { errors?: { crossSite?: string } } | undefined;
  return common?.errors?.crossSite ?? "Cross-site request refused.";
}

type VoteApi = (input: { pollId: string; cookie: string | null; body: string }) => Promise<{ status: number; body: unknown }>;
type Build = ServerBuild | (() => Promise<ServerBuild>);

/** The build's own copy of the endpoint (app/entry.server.tsx exports it): one copy of the models in the process. */
async function voteApiOf(build: Build): Promise<VoteApi> {
  const resolved = typeof build === "function" ? await build() : build;
  return (resolved.entry.module as unknown as { voteApi: VoteApi }).voteApi;
}

function send(res: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(json),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(json);
}

/** The form's fields as text; anything but a form body reads as empty (the vote then says what is missing). */
function readForm(req: IncomingMessage): Promise<string | null> {
  const isForm = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase() === "application/x-www-form-urlencoded";
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.removeAllListeners("data");
        req.resume();
        return;
      }
      if (isForm) chunks.push(chunk);
    });
    req.on("end", () => resolve(isForm ? Buffer.concat(chunks).toString("utf8") : ""));
    req.on("error", reject);
  });
}

/** A request listener for the endpoint: true when the request was the endpoint's (and is answered). */
export function voteEndpoint(build: Build) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "POST") return false;
    const match = PATH.exec(req.url ?? "");
    if (!match) return false;
    void answer(build, match[1]!, req, res);
    return true;
  };
}

async function answer(build: Build, rawPollId: string, req: IncomingMessage, res: ServerResponse) {
  try {
    if (crossSite(req.headers.origin, req.headers.host)) {
      req.resume();
      res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" }).end(crossSiteRefusal(req.headers["accept-language"]));
      return;
    }
    const body = await readForm(req);
    if (body === null) return send(res, 413, { error: "tooLarge" });
    let pollId: string;
    try {
      pollId = decodeURIComponent(rawPollId);
    } catch {
      return send(res, 404, { error: "notFound" });
    }
    const voteApi = await voteApiOf(build);
    const result = await voteApi({ pollId, cookie: req.headers.cookie ?? null, body });
    send(res, result.status, result.body);
  } catch (error) {
    console.error("The vote endpoint failed:", error);
    if (!res.headersSent) send(res, 500, { error: "server" });
    else res.destroy();
  }
}
