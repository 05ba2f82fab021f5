import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AskStatusBadge } from "#app/components/officer-labels.tsx";
import { listMyReminders, markRemindersRead } from "#app/models/asks.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { hasRole, requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

/** An ask owner's reminders (before the due date, and when overdue), in-app; the same go by email. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "board_member", "officer");
  const [reminders, t] = await Promise.all([listMyReminders(user.id), getT(request)]);
  const base = hasRole(user, "board_member") ? "/board/asks" : "/officer/asks";
  return {
    title: t("officer:reminders.title"),
    reminders: reminders.map((r) => ({
      id: r.id,
      kind: r.kind,
      unread: r.unread,
      createdAt: r.createdAt,
      href: `${base}/${r.ask.id}`,
      ask: { title: r.ask.title, status: r.ask.status, dueAt: r.ask.dueAt },
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "board_member", "officer");
  await markRemindersRead(user.id);
  return { read: true };
}

export default function Reminders() {
  const { reminders } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  useLiveRevalidate([events.asksChanged]);
  return (
    <section className="stack">
      <h1>{t("officer:reminders.title")}</h1>
      <p>{t("officer:reminders.intro")}</p>
      {reminders.length === 0 ? <p className="card">{t("officer:reminders.none")}</p> : null}
      {reminders.some((r) => r.unread) ? (
        <Form method="post">
          <button type="submit" className="button-secondary">
            {t("officer:reminders.markRead")}
          </button>
        </Form>
      ) : null}
      <ul className="list">
        {reminders.map((r) => (
          <li key={r.id} className="card">
            <p>
              {r.unread ? <span className="badge badge-pending">{t("officer:reminders.new")}</span> : null}{" "}
              {t(`officer:reminders.${r.kind === "ask_due_soon" ? "dueSoon" : "overdue"}`)}
            </p>
            <p>
              <Link to={r.href}>
                <bdi>{r.ask.title}</bdi>
              </Link>{" "}
              <AskStatusBadge status={r.ask.status} />
            </p>
            <p className="muted">
              {r.ask.dueAt ? `${t("officer:asks.due")} ${formatDate(r.ask.dueAt)} · ` : null}
              <time dateTime={new Date(r.createdAt).toISOString()}>{formatDate(r.createdAt, true)}</time>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
