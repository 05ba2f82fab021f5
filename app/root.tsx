import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  useMatches,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { SiteFooter, SiteHeader } from "#app/components/site-header.tsx";
import appStyles from "#app/styles/app.css?url";
import { languageDirection } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18next.server.ts";
import { localeMeta, resources } from "#app/utils/locales.server.ts";
import { useNonce } from "#app/utils/nonce.ts";
import { getSessionUser } from "#app/utils/session.server.ts";
import { leadAlertSummary, officerEscalatedCount } from "#app/models/safeguarding.server.ts";
import { useRootData } from "#app/utils/use-root-data.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getSessionUser(request), getLocale(request)]);
  const meta = localeMeta[locale];
  // Safeguarding alerts on every staff page, so that a lead (or, after escalation, an officer)
  // sees a waiting concern wherever they are.
  const isLead = user?.kind === "staff" && user.roles.includes("safeguarding_lead");
  const isOfficer = user?.kind === "staff" && user.roles.includes("officer");
  const [leadAlert, escalatedToMe] = await Promise.all([
    isLead ? leadAlertSummary() : null,
    isOfficer ? officerEscalatedCount(user.id) : null,
  ]);
  return {
    locale,
    dir: languageDirection(locale),
    // Only this language, and only the namespaces this kind of user's screens use.
    translations: pickNamespaces(resources[locale] ?? {}, namespacesFor(user)),
    user: user
      ? {
          kind: user.kind,
          displayName: user.displayName,
          roles: user.roles,
        }
      : null,
    // Staff see whether the language on screen was checked by a fluent speaker.
    translationStatus:
      user?.kind === "staff" ? { source: meta.source, checkedBy: meta.checkedBy } : null,
    staffAlerts:
      user?.kind === "staff"
        ? { concernsWaiting: leadAlert?.open ?? null, oldestConcernId: leadAlert?.oldestId ?? null, escalatedToMe }
        : null,
  };
}


/** In the browser, puts the page's language (from the root loader) into i18next before any t(). */
function useTranslationsFromLoader(data: ReturnType<typeof useRootData>) {
  const { i18n } = useTranslation();
  if (typeof document !== "undefined" && data) {
    // Signing in (a client-side navigation) brings namespaces the signed-out page did not have.
    for (const [ns, bundle] of Object.entries(data.translations)) {
      if (!i18n.hasResourceBundle(data.locale, ns)) i18n.addResourceBundle(data.locale, ns, bundle);
    }
  }
  // NOTE: in an effect, not during render: changing the language re-renders every translated
  // component, which React refuses while another one renders. Sign-in and language switches load
  // a new document, so this only runs when a client-side navigation brings another language.
  const locale = data?.locale;
  useEffect(() => {
    if (locale && i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [i18n, locale]);
  return i18n;
}

const PUBLIC_NAMESPACES = ["common", "auth"];

function namespacesFor(user: { kind: string } | null) {
  if (!user) return PUBLIC_NAMESPACES;
  if (user.kind === "young_person") return [...PUBLIC_NAMESPACES, "youth", "polls"];
  return null; // staff: every namespace
}

function pickNamespaces(bundle: object, names: string[] | null) {
  const all = bundle as Record<string, Record<string, unknown>>;
  return names ? Object.fromEntries(names.filter((n) => n in all).map((n) => [n, all[n]!])) : all;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const i18n = useTranslationsFromLoader(data);
  const nonce = useNonce();
  const lang = data?.locale ?? i18n.language ?? "en";
  // A route for paper (the board pack) has no header, navigation or footer.
  const print = useMatches().some((m) => (m.handle as { print?: boolean } | undefined)?.print === true);
  // The root loader failed (the database, say), so the page's strings did not come with its data:
  // the page's own language's common strings (the error page's, the header's) come in the page
  // instead, and app/entry.client.tsx gives them to i18next before hydrating.
  const stranded = data ? null : ((i18n.getResourceBundle(lang, "common") as object | undefined) ?? null);
  return (
    <html lang={lang} dir={data?.dir ?? languageDirection(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <meta name="robots" content="noindex, nofollow" />
        <Meta />
        <Links />
      </head>
      <body>
        {print ? null : <SiteHeader />}
        <main id="main" className={print ? "page page-print" : "page"}>
          {children}
        </main>
        {print ? null : <SiteFooter />}
        {stranded ? (
          <script
            id="voices-strings"
            type="application/json"
            // JSON, not code: "<" written as \u003c so no string can close the element.
            dangerouslySetInnerHTML={{ __html: JSON.stringify(stranded).replace(/</g, "\\u003c") }}
          />
        ) : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
