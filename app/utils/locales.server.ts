import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Resource } from "i18next";
import { supportedLanguages } from "#app/utils/i18n.ts";

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

export const resources: Resource = {};
export const localeMeta: Record<string, LocaleMeta> = {};

for (const lng of supportedLanguages) {
  const dir = path.join(root, lng);
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const ns = file.replace(/\.json$/, "");
    const value = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;
    if (ns === "meta") localeMeta[lng] = value as unknown as LocaleMeta;
    else resources[lng] = { ...resources[lng], [ns]: value };
  }
}
