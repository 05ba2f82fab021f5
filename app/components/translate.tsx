import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLanguageName } from "#app/components/officer-labels.tsx";
import type { TranslationState } from "#app/models/poll-translations.server.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { TRANSLATION_LOCALES } from "#app/validation/polls.ts";
import { isolate } from "#app/utils/text.ts";
import { ScrollRegion } from "#app/components/scroll-region.tsx";

/** Which language to work in: a plain GET form, so it works without JavaScript. */
export function TranslationLanguagePicker({ lang }: { lang: string }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  return (
    <Form method="get" className="translate-language">
      <label htmlFor="translate-lang">{t("translate:language")}</label>
      <select id="translate-lang" name="lang" defaultValue={lang}>
        {TRANSLATION_LOCALES.map((code) => (
          <option key={code} value={code}>
            {languageName(code)}
          </option>
        ))}
      </select>
      <button type="submit" className="button-secondary">
        {t("translate:show")}
      </button>
    </Form>
  );
}

/** Where one language of a text stands, in words. */
export function TranslationStateBadge({
  state,
  counts,
  checked,
}: {
  state: TranslationState;
  counts?: { translated: number; total: number };
  checked?: { at: Date | string; by: string | null } | null;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (state === "checked") {
    return (
      <span className="badge badge-done">
        {checked?.by
          ? // The name isolated (FSI…PDI): a Latin name inside Arabic keeps its own direction.
            t("officer:translation.checkedBy", { name: isolate(checked.by), date: formatDate(checked.at) })
          : t("officer:translation.checked")}
      </span>
    );
  }
  if (state === "drafted") return <span className="badge badge-pending">{t("officer:translation.notChecked")}</span>;
  if (state === "partial") {
    return <span className="badge badge-held">{t("translate:state.partial", { done: counts?.translated ?? 0, count: counts?.total ?? 0 })}</span>;
  }
  return <span className="badge badge-held">{t("translate:state.missing")}</span>;
}

export type InterfaceLanguage = { code: string; source: "human" | "machine-drafted"; checkedBy: string | null; checkedOn: string | null };

/**
 * Who wrote each language of the interface itself, and whether a fluent speaker has checked it
 * (app/locales/<lng>/meta.json), for staff reading in any language: a machine-drafted language's
 * notice shows only to staff reading it.
 */
export function InterfaceLanguages({ languages }: { languages: InterfaceLanguage[] }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const formatDate = useFormatDate();
  return (
    <section aria-labelledby="interface-languages" className="card stack">
      <h2 id="interface-languages">{t("translate:interface.title")}</h2>
      <p>{t("translate:interface.intro")}</p>
      <ScrollRegion labelledBy="interface-languages">
        <table className="board-table">
          <thead>
            <tr>
              <th scope="col">{t("translate:interface.language")}</th>
              <th scope="col">{t("translate:interface.source")}</th>
              <th scope="col">{t("translate:interface.checked")}</th>
            </tr>
          </thead>
          <tbody>
            {languages.map((l) => (
              <tr key={l.code}>
                <th scope="row">{languageName(l.code)}</th>
                <td>{l.source === "human" ? t("translate:interface.human") : t("translate:interface.machine")}</td>
                <td>
                  {l.checkedBy ? (
                    <>
                      <bdi>{l.checkedBy}</bdi>
                      {l.checkedOn ? <> · <time dateTime={l.checkedOn}>{formatDate(l.checkedOn)}</time></> : null}
                    </>
                  ) : (
                    t("translate:interface.notChecked")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
