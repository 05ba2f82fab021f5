import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLanguageName } from "#app/components/officer-labels.tsx";
import type { TranslationState } from "#app/models/poll-translations.server.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { TRANSLATION_LOCALES } from "#app/validation/polls.ts";

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
            t("officer:translation.checkedBy", { name: `\u2068${checked.by}\u2069`, date: formatDate(checked.at) })
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
