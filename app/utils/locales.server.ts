import type { Resource } from "i18next";
import { supportedLanguages } from "#app/utils/i18n.ts";

// Every locale file, bundled into the server build. The browser only ever gets its own language
// (root loader), never all of them.
const files = import.meta.glob<{ default: Record<string, unknown> }>("../locales/*/*.json", {
  eager: true,
});

export type LocaleMeta = {
  /** "human" or "machine-drafted" */
  source: "human" | "machine-drafted";
  /** Who checked it, if a fluent speaker did. */
  checkedBy: string | null;
  checkedOn: string | null;
};

export const resources: Resource = {};
export const localeMeta: Record<string, LocaleMeta> = {};

for (const [file, module] of Object.entries(files)) {
  const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!match) continue;
  const [, lng, ns] = match as unknown as [string, string, string];
  if (!(supportedLanguages as string[]).includes(lng)) continue;
  if (ns === "meta") {
    localeMeta[lng] = module.default as LocaleMeta;
    continue;
  }
  resources[lng] = { ...resources[lng], [ns]: module.default };
}
