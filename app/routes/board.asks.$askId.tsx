import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AskBadges, AskFacts, isOverdue } from "#app/components/board-asks.tsx";
import { useBoardFormat } from "#app/components/board-format.tsx";
import { getAskForStaff } from "#app/models/asks.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

const Params = z.object({ askId: z.string().min(1).max(64) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "board_member");
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  const [ask, org, t] = await Promise.all([getAskForStaff(parsed.data.askId), getOrganisation(), getT(request)]);
  invariantResponse(ask, 404);
  // The adults' work on the ask: no items, no young person's name or words, no count of who
  // contributed. Each field is copied by name so that a wider model query cannot leak through.
  return {
    title: t("board:ask.title", { title: ask.title }),
    ask: {
      id: ask.id,
      title: ask.title,
      body: ask.body,
      status: ask.status,
      raisedAt: ask.raisedAt,
      dueAt: ask.dueAt,
      owner: ask.owner?.displayName ?? null,
      overdue: isOverdue({ ...ask, answered: ask.updates.length > 0 }, org.overdueAfterDays, new Date()),
      updates: ask.updates.map((u) => ({
        id: u.id,
        status: u.status,
        text: u.text,
        createdAt: u.createdAt,
        author: u.author.displayName,
      })),
    },
  };
}

export default function BoardAsk() {
  const { ask } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const format = useBoardFormat();
  useLiveRevalidate([events.boardChanged, events.asksChanged]);
  return (
    <article className="stack">
      <p>
        <Link to="/board">{t("board:ask.back")}</Link>
      </p>
      <h1>
        <bdi>{ask.title}</bdi>
      </h1>
      <AskBadges status={ask.status} overdue={ask.overdue} />
      <AskFacts raisedAt={ask.raisedAt} dueAt={ask.dueAt} owner={ask.owner} />
      {ask.body ? (
        <p className="board-body" dir="auto">
          {ask.body}
        </p>
      ) : null}
      <section aria-labelledby="updates-title" className="card">
        <h2 id="updates-title">{t("board:ask.updates")}</h2>
        {ask.updates.length === 0 ? (
          <p>{t("board:ask.noUpdates")}</p>
        ) : (
          <ol className="timeline">
            {ask.updates.map((update) => (
              <li key={update.id}>
                <h3 className="board-update-title">
                  <time dateTime={new Date(update.createdAt).toISOString()}>{format.date(update.createdAt)}</time>{" "}
                  <span className={`badge badge-${update.status}`}>{t(`board:askStatus.${update.status}`)}</span>
                </h3>
                <p className="board-body" dir="auto">
                  {update.text}
                </p>
                <p className="muted">
                  {t("board:ask.by")} <bdi>{update.author}</bdi>
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
