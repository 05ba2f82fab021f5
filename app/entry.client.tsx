import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import i18next from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nextOptions } from "#app/utils/i18n.ts";

// The page's own language arrives with the root loader's data (see useTranslationsFromLoader in
// root.tsx): one language, no extra request on a slow connection.
await i18next.use(initReactI18next).init({
  lng: document.documentElement.lang || "en",
  ...i18nextOptions,
  resources: {},
  partialBundledLanguages: true,
  react: { useSuspense: false },
});

// An error page whose root loader failed carries its strings in the page (root.tsx, Layout).
const stranded = document.getElementById("voices-strings")?.textContent;
if (stranded) i18next.addResourceBundle(i18next.language, "common", JSON.parse(stranded) as object);

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18next}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </I18nextProvider>,
  );
});
