import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listMyGroups } from "#app/models/groups.server.ts";
import { listMyNotifications, markAllRead } from "#app/models/notifications.server.ts";
import { listPollsForMember } from "#app/models/polls.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { getLocale, getT } from "#app/utils/i18next.server.ts";
import { requireYoungPerson } from "#app/utils/permissions.server.ts";
import { useFormatDate } from "#app/utils/format.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireYoungPerson(request);
  const locale = await getLocale(request);
  const [groups, notifications, polls, t] = await Promise.all([
    listMyGroups(user.id),
    listMyNotifications(user.id, locale),
    listPollsForMember(user.id, locale),
    getT(request),
  ]);
  return {
    title: t("youth:home.title"),
    nickname: user.displayName,
    groups,
    notifications,
    // Open polls first (newest first within each), then the recently closed.
    polls: [...polls.filter((p) => p.open), ...polls.filter((p) => !p.open)].map((p) => ({
      id: p.id,
      title: p.title,
      inEnglishFallback: p.inEnglishFallback,
      open: p.open,
      closesAt: p.closesAt?.toISOString() ?? null,
      answered: p.answered,
    })),
  };
}

/** "Mark all as read": only the signed-in young person's own notifications. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireYoungPerson(request);
  await markAllRead(user.id);
  return { read: true };
}

export default function MyHome() {
  const { nickname, groups, notifications, polls } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  useLiveRevalidate([events.myThingsChanged, events.timelineChanged]);
  return (
    <section className="stack">
      <h1>
        {t("youth:home.hello")} <bdi>{nickname}</bdi>
      </h1>
      {searchParams.get("joined") ? (
        <p className="notice" role="status">
          {t("youth:home.joined")}
        </p>
      ) : null}
      <p className="actions">
        <Link to="/me/say" className="button">
          {t("youth:home.say")}
        </Link>
        <Link to="/me/things" className="button button-secondary">
          {t("youth:home.things")}
        </Link>
      </p>
      <section aria-labelledby="my-polls">
        <h2 id="my-polls">{t("youth:home.polls.title")}</h2>
        {polls.length === 0 ? <p className="muted">{t("youth:home.polls.none")}</p> : null}
        <ul className="list">
          {polls.map((poll) => (
            <li key={poll.id} className="card vote-poll-item">
              <Link to={`/me/polls/${poll.id}`} className="vote-poll-link">
                <bdi lang={poll.inEnglishFallback ? "en" : undefined}>{poll.title}</bdi>
                {poll.inEnglishFallback ? <span className="muted"> ({t("common:inEnglish")})</span> : null}
              </Link>
              <p className="vote-poll-facts">
                {poll.open ? (
                  <span className={poll.answered ? "badge badge-approved" : "badge badge-pending"}>
                    {t(poll.answered ? "youth:home.polls.answered" : "youth:home.polls.notAnswered")}
                  </span>
                ) : (
                  <span className="badge">{t("youth:home.polls.closed")}</span>
                )}
                {poll.open && poll.closesAt ? (
                  <span className="muted">
                    {t("youth:home.polls.closesOn")} <time dateTime={poll.closesAt}>{formatDate(poll.closesAt, true)}</time>
                  </span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="my-groups">
        <h2 id="my-groups">{t("youth:home.groups")}</h2>
        {groups.length === 0 ? <p>{t("youth:home.noGroups")}</p> : null}
        <ul className="list">
          {groups.map((group) => (
            <li key={group.id} className="card">
              <Link to={`/me/groups/${group.id}`} className="tap-link">
                <bdi>{group.name}</bdi>
              </Link>
              <span className="muted"> · {t("youth:home.timelineLink")}</span>
            </li>
          ))}
        </ul>
        <p>
          <Link to="/join" className="tap-link">{t("youth:home.joinAnother")}</Link>
        </p>
      </section>
      <section aria-labelledby="news">
        <h2 id="news">{t("youth:home.news")}</h2>
        {notifications.length === 0 ? <p className="muted">{t("youth:home.noNews")}</p> : null}
        {notifications.some((n) => n.unread) ? (
          <Form method="post">
            <button type="submit" className="button-secondary">
              {t("youth:notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
        <ul className="list" aria-live="polite">
          {notifications.map((n) => (
            <li key={n.id} className={n.unread ? "card notification-unread" : "card"}>
              <p>
                {n.unread ? <span className="badge badge-pending">{t("youth:notifications.new")}</span> : null} {t(`youth:notifications.${n.kind}`)}
              </p>
              {n.askTitle ? (
                <p>
                  <bdi lang={n.askTitleInEnglishFallback ? "en" : undefined}>{n.askTitle}</bdi>
                  {n.askTitleInEnglishFallback ? <span className="muted"> ({t("common:inEnglish")})</span> : null}
                </p>
              ) : null}
              {n.update ? (
                <>
                  <p>
                    <span className={`badge badge-${n.update.status}`}>{t(`youth:askStatus.${n.update.status}`)}</span>
                  </p>
                  <p lang={n.update.inEnglishFallback ? "en" : undefined} dir="auto">
                    {n.update.text}
                  </p>
                  {n.update.inEnglishFallback ? <p className="muted">{t("youth:timeline.englishFallback")}</p> : null}
                </>
              ) : null}
              <p className="muted">
                <time dateTime={n.createdAt}>{formatDate(n.createdAt)}</time>
              </p>
              {n.href ? <Link to={n.href} className="tap-link">{t("youth:notifications.open")}</Link> : null}
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
