import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { groupTimeline } from "#app/models/asks.server.ts";
import { getGroup, isActiveMember } from "#app/models/groups.server.ts";
import { markTimelineRead } from "#app/models/notifications.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getLocale, getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireYoungPerson } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

const Params = z.object({ groupId: z.string().min(1).max(64) });

/**
 * A group's "you said, we did" timeline, for its current members only: what the group said (approved,
 * redacted, quoted only with the author's agreement, never a name), what the board answered and
 * what changed, newest first, with how long each ask waited.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireYoungPerson(request);
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  const { groupId } = parsed.data;
  // Another group's timeline answers as if it did not exist.
  invariantResponse(await isActiveMember(user.id, groupId), 404);
  const [group, locale, t] = await Promise.all([getGroup(groupId), getLocale(request), getT(request)]);
  invariantResponse(group, 404);
  const timeline = await groupTimeline(groupId, locale);
  // Opening the timeline is reading its news: the board's figures count an update as read then.
  await markTimelineRead(user.id, groupId);
  return {
    title: t("youth:timeline.title", { group: group.name }),
    group: { id: group.id, name: group.name },
    asks: timeline.map((ask) => ({
      ...ask,
      raisedAt: ask.raisedAt.toISOString(),
      lastAt: ask.lastAt.toISOString(),
      updates: ask.updates.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })),
    })),
  };
}

export default function GroupTimeline() {
  const { group, asks } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  useLiveRevalidate([events.timelineChanged]);
  return (
    <section className="stack">
      <h1>{t("youth:timeline.heading")}</h1>
      <p className="lead">
        <bdi>{group.name}</bdi>
      </p>
      {asks.length === 0 ? <p>{t("youth:timeline.empty")}</p> : null}
      <ol className="timeline" aria-label={t("youth:timeline.heading")}>
        {asks.map((ask) => (
          <li key={ask.id}>
            <article className="card" aria-labelledby={`ask-${ask.id}`}>
              <h2 id={`ask-${ask.id}`}>
                <bdi lang={ask.inEnglishFallback ? "en" : undefined}>{ask.title}</bdi>
              </h2>
              {ask.body ? (
                <p className="ask-body" lang={ask.inEnglishFallback ? "en" : undefined} dir="auto">
                  {ask.body}
                </p>
              ) : null}
              {ask.inEnglishFallback ? <p className="muted">{t("youth:timeline.englishFallback")}</p> : null}
              <p>
                <span className={`badge badge-${ask.status}`}>{t(`youth:askStatus.${ask.status}`)}</span>{" "}
                <span className="muted">
                  {t("youth:timeline.raised")} <time dateTime={ask.raisedAt}>{formatDate(ask.raisedAt)}</time>
                </span>
              </p>
              <p className="muted">
                {ask.answered ? t("youth:timeline.waited", { count: ask.waitedDays }) : t("youth:timeline.waitingFor", { count: ask.waitedDays })}
              </p>
              {ask.polls.length ? (
                <p>
                  {t("youth:timeline.fromPoll")}{" "}
                  {ask.polls.map((p, i) => (
                    <Fragment key={p.id}>
                      {i > 0 ? " · " : null}
                      <bdi lang={p.inEnglishFallback ? "en" : undefined}>{p.title}</bdi>
                    </Fragment>
                  ))}
                </p>
              ) : null}
              {!ask.inEnglishFallback && ask.polls.some((p) => p.inEnglishFallback) ? <p className="muted">{t("youth:timeline.englishFallback")}</p> : null}
              {ask.quotes.length ? (
                <>
                  <h3>{t("youth:timeline.youSaid")}</h3>
                  {ask.quotes.map((q) => (
                    <blockquote key={q.id} className="quote" dir="auto">
                      {q.text}
                    </blockquote>
                  ))}
                </>
              ) : null}
              <h3>{t("youth:timeline.weDid")}</h3>
              {ask.updates.length === 0 ? <p className="muted">{t("youth:timeline.waiting")}</p> : null}
              <ul className="list">
                {ask.updates.map((u) => (
                  <li key={u.id}>
                    <p>
                      <span className={`badge badge-${u.status}`}>{t(`youth:askStatus.${u.status}`)}</span>{" "}
                      <time dateTime={u.createdAt} className="muted">
                        {formatDate(u.createdAt)}
                      </time>
                    </p>
                    <p lang={u.inEnglishFallback ? "en" : undefined} dir="auto">
                      {u.text}
                    </p>
                    {u.reason ? (
                      <p>
                        <strong>{t("youth:timeline.why")}</strong>{" "}
                        <span lang={u.reasonInEnglish ? "en" : undefined} dir="auto">
                          {u.reason}
                        </span>
                      </p>
                    ) : null}
                    {/* Once per update, after whatever of it is still in English. */}
                    {u.inEnglishFallback || u.reasonInEnglish ? <p className="muted">{t("youth:timeline.englishFallback")}</p> : null}
                  </li>
                ))}
              </ul>
            </article>
          </li>
        ))}
      </ol>
    </section>
  );
}
