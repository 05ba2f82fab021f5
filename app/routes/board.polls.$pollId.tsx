import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ShownNumber, useBoardFormat } from "#app/components/board-format.tsx";
import { getBoardPollResults } from "#app/models/poll-board.server.ts";
import type { ShownValue } from "#app/models/suppression.server.ts";
import { useLanguageName } from "#app/components/officer-labels.tsx";
import { getLocale, getT } from "#app/utils/i18next.server.ts";
import { MOOD_EMOJI } from "#app/utils/moods.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import { ScrollRegion } from "#app/components/scroll-region.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

const Params = z.object({ pollId: z.string().min(1).max(64) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "board_member");
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  const [poll, t] = await Promise.all([getBoardPollResults(parsed.data.pollId, await getLocale(request)), getT(request)]);
  // Open polls and drafts have no results for the board yet.
  invariantResponse(poll, 404);
  return { title: t("boardPolls:poll.title", { title: poll.title }), poll };
}

type Poll = ReturnType<typeof useLoaderData<typeof loader>>["poll"];

export default function BoardPoll() {
  const { poll } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const format = useBoardFormat();
  return (
    <article className="stack">
      <p>
        <Link to="/board/polls">{t("boardPolls:poll.back")}</Link>
      </p>
      <h1 lang={poll.titleLocale} dir="auto">
        {poll.title}
      </h1>
      <dl className="board-facts">
        <div>
          <dt>{t("boardPolls:poll.closed")}</dt>
          <dd>{format.date(poll.closedAt)}</dd>
        </div>
        <div>
          <dt>{t("boardPolls:poll.groups")}</dt>
          <dd>
            <ul className="board-poll-groups">
              {poll.groups.map((g) => (
                <li key={g.id}>
                  <bdi>{g.name}</bdi>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <p className="hint">{t("boardPolls:poll.suppressionNote", { k: format.number(poll.threshold) })}</p>
      <p>
        {/* A download, not a page: a plain link, so the router does not try to render it. */}
        <a href={`/board/polls/${poll.id}.csv`} download className="button button-secondary">
          {t("boardPolls:poll.csv")}
        </a>
      </p>
      <ol className="list board-poll-questions">
        {poll.questions.map((question, index) => (
          <li key={question.id}>
            <Question poll={poll} question={question} number={index + 1} />
          </li>
        ))}
      </ol>
    </article>
  );
}

function Question({ poll, question, number }: { poll: Poll; question: Poll["questions"][number]; number: number }) {
  const { t } = useTranslation();
  const format = useBoardFormat();
  const languageName = useLanguageName();
  const languages = format.list(question.languages.map((code) => languageName(code)));
  const headingId = `question-${question.id}`;
  const ranking = question.kind === "ranking";
  const cell = (value: { shown: ShownValue; points?: ShownValue } | undefined) => {
    const shown = ranking ? value?.points : value?.shown;
    if (!shown) return t("board:feedback.withheld");
    if (ranking && shown.kind === "exact") return t("boardPolls:poll.points", { points: format.number(shown.value) });
    return <ShownNumber shown={shown} threshold={poll.threshold} />;
  };
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId} className="board-poll-question">
        <span className="board-poll-number">{t("boardPolls:poll.question", { number: format.number(number) })}</span>{" "}
        <span lang="en" dir="ltr">
          {question.prompt}
        </span>
      </h2>
      <p className="muted">
        {t(`boardPolls:kinds.${question.kind}`)} · {t("boardPolls:poll.shownIn", { languages })}
      </p>
      {question.translations.length > 0 ? (
        <details>
          <summary>{t("boardPolls:poll.wording")}</summary>
          <dl className="board-poll-wording">
            {question.translations.map((tr) => (
              <div key={tr.locale}>
                <dt>{languageName(tr.locale)}</dt>
                <dd lang={tr.locale} dir="auto">
                  {tr.prompt}
                </dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
      {question.results ? (
        <>
          <ScrollRegion labelledBy={`question-${number}-caption`}>
            <table className="board-table">
              <caption className="visually-hidden" id={`question-${number}-caption`}>{t("boardPolls:poll.caption", { number: format.number(number) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("boardPolls:poll.option")}</th>
                  <th scope="col" className="number">
                    {t("boardPolls:poll.overall")}
                  </th>
                  {(poll.breakdown ? poll.groups : []).map((g) => (
                    <th key={g.id} scope="col" className="number">
                      <bdi>{g.name}</bdi>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {question.options.map((option, i) => (
                  <tr key={option.id}>
                    <th scope="row">
                      {question.kind === "scale" && option.value && MOOD_EMOJI[option.value] ? (
                        <span aria-hidden="true">{MOOD_EMOJI[option.value]} </span>
                      ) : null}
                      <span lang="en" dir="ltr">
                        {option.label}
                      </span>
                    </th>
                    <td className="number">{cell(question.results!.overall.options[i])}</td>
                    {question.results!.groups.map((row, g) => (
                      <td key={poll.groups[g]!.id} className="number">
                        {cell(row.options[i])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("boardPolls:poll.voters")}</th>
                  <td className="number">
                    <ShownNumber shown={question.results.overall.voters} threshold={poll.threshold} />
                  </td>
                  {question.results.groups.map((row, g) => (
                    <td key={poll.groups[g]!.id} className="number">
                      <ShownNumber shown={row.voters} threshold={poll.threshold} />
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </ScrollRegion>
          {!poll.breakdown && poll.groups.length > 1 ? <p className="hint">{t("boardPolls:poll.noBreakdown", { k: format.number(poll.threshold) })}</p> : null}
          {ranking ? <p className="hint">{t("boardPolls:poll.pointsNote")}</p> : null}
          {question.kind === "multiple" ? <p className="hint">{t("boardPolls:poll.multipleNote")}</p> : null}
        </>
      ) : (
        <p>{t("boardPolls:poll.textNote")}</p>
      )}
    </section>
  );
}
