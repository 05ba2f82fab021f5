import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { chromiumPath, RESULTS_DIR, ROOT, SCREENSHOTS_DIR, SERVER_BUILD } from "./paths.ts";

/**
 * Once per `npm run test:e2e`: the browser must exist, and the production build too (it is made
 * here if missing; a build older than the app's code only earns a warning, as rebuilding takes
 * a while and CI always builds first).
 */
export default function setup() {
  chromiumPath();
  mkdirSync(RESULTS_DIR, { recursive: true });
  // Failure screenshots are this run's only.
  rmSync(path.join(SCREENSHOTS_DIR, "failed"), { recursive: true, force: true });
  if (!existsSync(SERVER_BUILD)) {
    console.log("tests/e2e: no production build yet; running `npm run build`…");
    const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
    if (result.status !== 0) throw new Error("`npm run build` failed; the browser tests need the production build.");
    return;
  }
  const built = statSync(SERVER_BUILD).mtimeMs;
  const newer = newestFile(path.join(ROOT, "app"), (file) => !file.includes(`${path.sep}generated${path.sep}`) && !/\.test\.tsx?$/.test(file));
  if (newer && newer.mtimeMs > built) {
    console.warn(
      `tests/e2e: the production build is older than ${path.relative(ROOT, newer.file)}; ` +
        "the browser tests run the build, so run `npm run build` first if you changed the app.",
    );
  }
}

function newestFile(dir: string, keep: (file: string) => boolean): { file: string; mtimeMs: number } | null {
  let newest: { file: string; mtimeMs: number } | null = null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const found = entry.isDirectory() ? newestFile(file, keep) : keep(file) ? { file, mtimeMs: statSync(file).mtimeMs } : null;
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}
