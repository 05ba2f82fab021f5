import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useBoardFormat } from "#app/components/board-format.tsx";
import { listClosedPollsForBoard } from "#app/models/poll-board.server.ts";
import { getLocale, getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "board_member");
  const [polls, t] = await Promise.all([listClosedPollsForBoard(await getLocale(request)), getT(request)]);
  // Words and dates only: the numbers are on each poll's page.
  return {
    title: t("boardPolls:list.title"),
    polls: polls.map((p) => ({ id: p.id, title: p.title, titleLocale: p.titleLocale, closedAt: p.closedAt, groups: p.groups })),
  };
}

export default function BoardPolls() {
  const { polls } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const format = useBoardFormat();

  return (
    <section className="stack">
      <h1>{t("boardPolls:list.title")}</h1>
      <p>{t("boardPolls:list.intro")}</p>
      {polls.length === 0 ? (
        <p className="card">{t("boardPolls:list.none")}</p>
      ) : (
        <ul className="list">
          {polls.map((poll) => (
            <li key={poll.id} className="card board-poll">
              <h2 className="board-poll-title">
                <Link to={`/board/polls/${poll.id}`} lang={poll.titleLocale} dir="auto">
                  {poll.title}
                </Link>
              </h2>
              <dl className="board-facts">
                <div>
                  <dt>{t("boardPolls:list.groups")}</dt>
                  <dd>
                    <bdi>{format.list(poll.groups)}</bdi>
                  </dd>
                </div>
                <div>
                  <dt>{t("boardPolls:list.closed")}</dt>
                  <dd>{format.date(poll.closedAt)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
