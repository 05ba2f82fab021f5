import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Resource, ResourceLanguage } from "i18next";
import { fallbackChain, supportedLanguages, type LanguageCode } from "#app/utils/i18n.ts";

// Every locale file, read once from app/locales when the server starts. The browser only ever gets
// its own language (root loader), never all of them.
// NOTE: read from disk rather than through Vite's import.meta.glob, because the Express server's
// own modules (the job runner writing alert emails, socket.io) load this file through tsx, where
// import.meta.glob does not exist. The server always runs from the project's folder.
const root = path.resolve(process.env.VOICES_ROOT ?? process.cwd(), "app/locales");
if (!existsSync(path.join(root, "en"))) {
  throw new Error(`No locale files in ${root}: start the server from the project's folder (or set VOICES_ROOT).`);
}

export type LocaleMeta = {
  /** "human" or "machine-drafted" */
  source: "human" | "machine-drafted";
  /** Who checked it, if a fluent speaker did. */
  checkedBy: string | null;
  checkedOn: string | null;
};

const strings: Record<string, Record<string, Record<string, unknown>>> = {};
const meta: Partial<Record<string, LocaleMeta>> = {};

for (const lng of supportedLanguages) {
  const dir = path.join(root, lng);
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const ns = file.replace(/\.json$/, "");
    const value = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;
    if (ns === "meta") meta[lng] = value as unknown as LocaleMeta;
    else strings[lng] = { ...strings[lng], [ns]: value };
  }
}

/** `over` on top of `under`, key by key, at every depth. */
function layer(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] =
      value && typeof value === "object" && below && typeof below === "object"
        ? layer(below as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

/**
 * Each language's strings over those of its fallbacks (fallbackChain: Dari over Farsi over
 * English; the others over English), so that a missing key shows the same words on the server
 * and in the browser, which only ever has the page's language. tests/locales.test.ts keeps keys
 * from going missing; this is what a reader sees if one does anyway.
 */
export const resources: Resource = Object.fromEntries(
  supportedLanguages.map((lng) => {
    const bottomUp = [...fallbackChain(lng)].reverse().concat(lng);
    const bundle = bottomUp.reduce<Record<string, unknown>>((under, l) => layer(under, strings[l] ?? {}), {});
    return [lng, bundle as ResourceLanguage];
  }),
);

/**
 * Who made each language and whether a fluent speaker checked it. A locale without a meta.json
 * counts as machine-drafted: staff are told, rather than a missing file passing for checked.
 */
export const localeMeta = Object.fromEntries(
  supportedLanguages.map((lng) => [lng, meta[lng] ?? { source: "machine-drafted", checkedBy: null, checkedOn: null }]),
) as Record<LanguageCode, LocaleMeta>;
