import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { formatDate } from "#app/utils/format.ts";
import { getFixedT, getLocale } from "#app/utils/i18next.server.ts";
import { isolate } from "#app/utils/text.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

/** When this statement was last prepared (UK public bodies must say). */
const PREPARED = new Date("2026-12-01T12:00:00Z");
const CAN_DO = ["zoom", "keyboard", "screenReader", "readAloud", "languages", "noScript", "motion"] as const;
const NOT_YET = ["machine", "voices", "tables", "emoji"] as const;

/**
 * The accessibility statement UK public bodies must publish, in the reader's language. Its words
 * are put together here, so the browser is not sent a namespace for one page.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, org] = await Promise.all([getLocale(request), getOrganisation()]);
  const t = getFixedT(locale, "accessibility");
  const organisation = isolate(org.name);
  return {
    title: t("title"),
    intro: t("intro", { organisation }),
    canDo: CAN_DO.map((k) => t(`canDo.${k}`)),
    sections: [
      { title: t("howAccessible.title"), body: t("howAccessible.body"), items: NOT_YET.map((k) => t(`howAccessible.${k}`)) },
      { title: t("browsers.title"), body: t("browsers.body"), items: [] },
      { title: t("feedback.title"), body: t("feedback.body", { organisation }), items: [] },
      { title: t("enforcement.title"), body: t("enforcement.body"), items: [] },
      { title: t("technical.title"), body: t("technical.body", { organisation }), items: [] },
      { title: t("testing.title"), body: t("testing.body", { date: formatDate(PREPARED, locale) }), items: [] },
    ],
  };
}

/**
 * A translated sentence that keeps an official English name (the regulator, the regulations) in
 * English, written `<en>…</en>` in the locale file: marked as English for screen readers and read
 * aloud, and isolated so its brackets sit right in a right-to-left sentence.
 */
function WithEnglishNames({ text }: { text: string }) {
  const parts = text.split(/<en>(.*?)<\/en>/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <bdi key={i} lang="en" dir="ltr">
            {part}
          </bdi>
        ) : (
          part
        ),
      )}
    </>
  );
}

export default function Accessibility() {
  const { title, intro, canDo, sections } = useLoaderData<typeof loader>();
  return (
    <article className="stack">
      <h1>{title}</h1>
      <p>{intro}</p>
      <ul>
        {canDo.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {sections.map((section) => (
        <section key={section.title}>
          <h2>{section.title}</h2>
          <p>
            <WithEnglishNames text={section.body} />
          </p>
          {section.items.length ? (
            <ul>
              {section.items.map((line) => (
                <li key={line}>
                  <WithEnglishNames text={line} />
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </article>
  );
}
