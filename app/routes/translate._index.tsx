import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLanguageName } from "#app/components/officer-labels.tsx";
import { pollState, PollStateBadge } from "#app/components/poll-state.tsx";
import { InterfaceLanguages, TranslationLanguagePicker, TranslationStateBadge } from "#app/components/translate.tsx";
import { listPollTranslations } from "#app/models/poll-translations.server.ts";
import { isClosed, isOpen } from "#app/models/polls.server.ts";
import { listAskTranslations } from "#app/models/translation-work.server.ts";
import { supportedLanguages } from "#app/utils/i18n.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { localeMeta } from "#app/utils/locales.server.ts";
import { hasRole, invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import { translationLanguage } from "#app/validation/translate.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

/**
 * What staff wrote for young people, and where it stands in one language: polls (an officer's
 * own groups'; a translator's, all) and asks' updates. Officers translate; only translators mark a
 * translation checked.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer", "translator");
  const language = translationLanguage(new URL(request.url), user.locale);
  invariantResponse(language.ok, 400, "translate:errors.language");
  const { lang } = language;
  const [polls, asks, t] = await Promise.all([
    listPollTranslations(lang, hasRole(user, "translator") ? null : user.id),
    listAskTranslations(lang),
    getT(request),
  ]);
  const now = new Date();
  return {
    title: t("translate:title"),
    lang,
    canCheck: hasRole(user, "translator"),
    polls: polls.map(({ opensAt, closesAt, ...poll }) => ({ ...poll, pollState: pollState(poll, isOpen({ ...poll, opensAt, closesAt }, now), isClosed({ ...poll, closesAt }, now)) })),
    asks,
    interfaceLanguages: supportedLanguages.map((code) => ({ code, ...localeMeta[code] })),
  };
}

export default function Translations() {
  const { lang, canCheck, polls, asks, interfaceLanguages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const language = languageName(lang);
  return (
    <section className="stack">
      <h1>{t("translate:title")}</h1>
      <p>{t("translate:intro")}</p>
      <p className="hint">{canCheck ? t("translate:youCheck") : t("translate:onlyTranslators")}</p>
      <TranslationLanguagePicker lang={lang} />

      <section aria-labelledby="translate-polls" className="stack">
        <h2 id="translate-polls">{t("translate:polls")}</h2>
        {polls.length === 0 ? (
          <p className="card">{t("translate:noPolls")}</p>
        ) : (
          <ul className="list">
            {polls.map((poll) => (
              <li key={poll.id} className="card">
                <h3 className="officer-card-title">
                  <Link to={`/translate/polls/${poll.id}?lang=${lang}`}>
                    <bdi lang="en">{poll.title}</bdi>
                  </Link>
                </h3>
                <p>
                  <PollStateBadge state={poll.pollState} />{" "}
                  <span className="visually-hidden">{language}: </span>
                  <TranslationStateBadge state={poll.state} counts={{ translated: poll.translatedCount, total: poll.textCount }} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="translate-asks" className="stack">
        <h2 id="translate-asks">{t("translate:asks")}</h2>
        {asks.length === 0 ? (
          <p className="card">{t("translate:noAsks")}</p>
        ) : (
          <ul className="list">
            {asks.map((ask) => (
              <li key={ask.id} className="card">
                <h3 className="officer-card-title">
                  <Link to={`/translate/asks/${ask.id}?lang=${lang}`}>
                    <bdi lang="en">{ask.title}</bdi>
                  </Link>
                </h3>
                <p>
                  <TranslationStateBadge state={ask.askText} />
                </p>
                <p>
                  {ask.updateCount === 0
                    ? t("translate:askNoUpdates")
                    : t("translate:askUpdates", { count: ask.updateCount, translated: ask.translatedCount, checked: ask.checkedCount, language })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <InterfaceLanguages languages={interfaceLanguages} />
    </section>
  );
}
