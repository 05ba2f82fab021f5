import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (the server runs from here, as `npm start` does). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SERVER_BUILD = path.join(ROOT, "build/server/index.js");
export const RESULTS_DIR = path.join(ROOT, "test-results");
export const SCREENSHOTS_DIR = path.join(RESULTS_DIR, "screenshots");
export const SERVER_LOGS_DIR = path.join(RESULTS_DIR, "e2e-server-logs");

// Debian's packages: the smaller `chromium-headless-shell` (the same Chromium build, the one
// Playwright itself runs headless; a new context and a page load take about half the time), else
// `chromium` (the full browser, /usr/bin/chromium is a wrapper script). CHROMIUM_PATH overrides both.
const CANDIDATES = ["/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];

export function chromiumPath(): string {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH is set to ${override}, which does not exist.`);
    return override;
  }
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      "No Chromium found for the browser tests. Install Debian's: " +
        "`apt-get update && apt-get install -y --no-install-recommends chromium` " +
        "(scripts/ci.sh does this), or set CHROMIUM_PATH.",
    );
  }
  return found;
}
