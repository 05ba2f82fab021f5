import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { getSessionUser } from "#app/utils/session.server.ts";
import { defaultNS, fallbackLanguage, isSupportedLanguage, supportedLanguages } from "#app/utils/i18n.ts";
import { resources } from "#app/utils/locales.server.ts";

/** The language a signed-out visitor chose (the join page, the sign-in page). Not a secret. */
export const languageCookie = createCookie("voices_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages,
    fallbackLanguage,
    cookie: languageCookie,
    // A signed-in user's saved language wins, then the cookie, then the browser's languages.
    order: ["searchParams", "custom", "cookie", "header"],
    async findLocale(request) {
      const user = await getSessionUser(request);
      return user && isSupportedLanguage(user.locale) ? user.locale : null;
    },
  },
  i18next: { resources, defaultNS, fallbackLng: fallbackLanguage, supportedLngs: supportedLanguages },
});

export async function getLocale(request: Request) {
  const locale = await i18next.getLocale(request);
  return isSupportedLanguage(locale) ? locale : fallbackLanguage;
}

/** A `t` for a request, for messages made on the server (validation errors, emails). */
export async function getT(request: Request) {
  return i18next.getFixedT(await getLocale(request), defaultNS);
}
