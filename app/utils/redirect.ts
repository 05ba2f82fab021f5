/**
 * A path on this site to send the user to, from a Referer or a redirectTo parameter. Anything that
 * would leave the site (another origin, "//evil", "/\evil") becomes "/".
 */
export function safeRedirectPath(target: string | null | undefined, requestUrl: string, fallback = "/"): string {
  if (!target) return fallback;
  try {
    const base = new URL(requestUrl);
    const url = new URL(target, base);
    if (url.origin !== base.origin) return fallback;
    if (!url.pathname.startsWith("/") || url.pathname.startsWith("//") || url.pathname.includes("\\")) return fallback;
    return url.pathname + url.search;
  } catch {
    return fallback;
  }
}
