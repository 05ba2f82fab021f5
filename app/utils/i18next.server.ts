import { createCookie } from "@remix-run/node";
import { createInstance } from "i18next";
import { getSessionUser } from "#app/utils/session.server.ts";
import { defaultNS, fallbackLanguage, i18nextOptions, isSupportedLanguage, languageFromAcceptLanguage, type LanguageCode } from "#app/utils/i18n.ts";
import { resources } from "#app/utils/locales.server.ts";

/** The language a signed-out visitor chose (the join page, the sign-in page). Not a secret. */
export const languageCookie = createCookie("voices_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/**
 * The page's language: a signed-in user's saved one, then the cookie, then the browser's
 * languages (Accept-Language, by its own order of preference), then English.
 * NOTE: not remix-i18next's detector: its pick() gives Dari to a visitor who chose Farsi ("fa"
 * matches "fa-AF" when Dari comes first) and English to "ku", "kmr" and "prs" (decision 009).
 */
export async function getLocale(request: Request): Promise<LanguageCode> {
  // The error page needs a language too when the database is what failed: then the account's
  // saved language is out of reach, and the cookie and the browser's languages decide.
  const user = await getSessionUser(request).catch(() => null);
  if (user && isSupportedLanguage(user.locale)) return user.locale;
  const chosen: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  if (isSupportedLanguage(chosen)) return chosen;
  return languageFromAcceptLanguage(request.headers.get("Accept-Language")) ?? fallbackLanguage;
}

// initImmediate: false: the resources are all here, so init finishes before this module does.
const serverI18n = createInstance();
void serverI18n.init({ ...i18nextOptions, resources, lng: fallbackLanguage, initImmediate: false });

/** A `t` for a request, for messages made on the server (validation errors, emails). */
export async function getT(request: Request) {
  return serverI18n.getFixedT(await getLocale(request), defaultNS);
}

/** A `t` for a language and namespace outside any request (emails to staff, redaction labels). */
export function getFixedT(locale: string, ns: string) {
  return serverI18n.getFixedT(isSupportedLanguage(locale) ? locale : fallbackLanguage, ns);
}
