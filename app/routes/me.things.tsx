import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "#app/components/forms.tsx";
import { NotInTroublePanel } from "#app/components/help-panel.tsx";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { listMyFeedback, withdrawFeedback } from "#app/models/feedback.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { MOOD_EMOJI } from "#app/utils/moods.ts";
import { requireYoungPerson } from "#app/utils/permissions.server.ts";
import { WithdrawSchema } from "#app/validation/feedback.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireYoungPerson(request);
  const [items, org, t] = await Promise.all([listMyFeedback(user.id), getOrganisation(), getT(request)]);
  // Just sent (?sent=<its id>): if the screen sent it to the safeguarding leads, the calm
  // "you're not in trouble" panel with who can help now. Read from the item, so a reload keeps it.
  const sentId = new URL(request.url).searchParams.get("sent");
  const sent = sentId ? items.find((i) => i.id === sentId) : undefined;
  return {
    title: t("youth:things.title"),
    justSent: Boolean(sentId),
    needsHelpPanel: sent?.status === "safeguarding",
    helplines: org.helplines.map((h) => ({ kind: h.kind, name: h.name, phone: h.phone, hours: h.hours })),
    items: items.map((item) => ({
      id: item.id,
      text: item.text,
      status: item.status,
      mood: item.mood,
      createdAt: item.createdAt.toISOString(),
      groupName: item.group.name,
      theme: item.theme,
      mayQuote: item.mayQuote,
      identity: item.identity,
      unreadMessages: item.concern?.messages.length ?? 0,
      hasConcern: Boolean(item.concern),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireYoungPerson(request);
  const submission = parseWithZod(await request.formData(), { schema: WithdrawSchema });
  if (submission.status !== "success") return data({ result: "invalid" as const }, { status: 400 });
  const result = await withdrawFeedback(user.id, submission.value.feedbackId);
  if (result === "notFound") throw data({ message: null }, { status: 404 });
  return data({ result }, { status: result === "alreadyDecided" ? 409 : 200 });
}

export default function MyThings() {
  const { items, justSent, needsHelpPanel, helplines } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  useLiveRevalidate([events.myThingsChanged]);
  return (
    <section className="stack">
      <h1>{t("youth:things.title")}</h1>
      {needsHelpPanel ? (
        <NotInTroublePanel helplines={helplines} />
      ) : justSent ? (
        <p className="notice" role="status">
          {t("youth:things.sent")}
        </p>
      ) : null}
      {actionData?.result === "alreadyDecided" ? (
        <p className="notice notice-warn" role="alert">
          {t("youth:things.tooLate")}
        </p>
      ) : null}
      {items.length === 0 ? <p>{t("youth:things.none")}</p> : null}
      <ul className="list">
        {items.map((item) => (
          <li key={item.id} className="card">
            <p>
              <span className={`badge badge-${item.status}`}>{t(`youth:status.${item.status}`)}</span>{" "}
              <span className="muted">
                <bdi>{item.groupName}</bdi> · <time dateTime={item.createdAt}>{formatDate(item.createdAt, true)}</time>
              </span>
            </p>
            <p dir="auto">
              {item.mood ? (
                <span role="img" aria-label={t(`youth:moods.${item.mood}`)}>
                  {MOOD_EMOJI[item.mood]}{" "}
                </span>
              ) : null}
              {item.text}
            </p>
            <p className="muted">{t(`youth:status.${item.status}Explained`)}</p>
            {item.hasConcern ? (
              <p>
                <Link to={`/me/things/${item.id}`} className="tap-link">{t("youth:things.messages")}</Link>
                {item.unreadMessages ? <span className="badge badge-pending"> {t("youth:things.newMessages")}</span> : null}
              </p>
            ) : null}
            {item.status === "pending" ? (
              <Form method="post">
                <input type="hidden" name="feedbackId" value={item.id} />
                <SubmitButton className="button-secondary">{t("youth:things.withdraw")}</SubmitButton>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
