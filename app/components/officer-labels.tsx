import { useTranslation } from "react-i18next";
import { cldrLanguageNames } from "#app/utils/cldr-language-names.ts";
import { fallbackLanguage, isSupportedLanguage } from "#app/utils/i18n.ts";
import { MOOD_EMOJI } from "#app/utils/moods.ts";

/** A mood on the emoji scale, with its words for those who cannot see the emoji. */
export function Mood({ mood }: { mood: number | null }) {
  const { t } = useTranslation();
  if (!mood || !MOOD_EMOJI[mood]) return <>{t("officer:moods.none")}</>;
  return (
    <>
      <span className="officer-emoji" aria-hidden="true">
        {MOOD_EMOJI[mood]}
      </span>{" "}
      {t(`officer:moods.${mood}`)}
    </>
  );
}

/** A theme's label in the reader's language; an admin-made theme without one shows its English name. */
export function ThemeName({ theme }: { theme: { key: string; name: string } | null }) {
  const { t } = useTranslation();
  if (!theme) return <>{t("common:themes.none")}</>;
  return <>{t(`common:themes.${theme.key}`, { defaultValue: theme.name })}</>;
}

export function AskStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`officer:askStatus.${status}`, { defaultValue: status })}</span>;
}

/**
 * The name of the language an item was written in, in the reader's language ("ar" → "Arabic"):
 * CLDR's, from the snapshot (the browser may have no names in the reader's language), else the
 * language's own name, else the code as it is.
 */
export function useLanguageName() {
  const { i18n } = useTranslation();
  const names = cldrLanguageNames[isSupportedLanguage(i18n.language) ? i18n.language : fallbackLanguage];
  return (code: string) => (isSupportedLanguage(code) ? names[code] : code);
}

/** "48217730" → "4821 7730": easier to read aloud and to type. */
export function formatCode(code: string) {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}
