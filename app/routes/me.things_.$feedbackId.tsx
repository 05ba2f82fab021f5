import { randomUUID } from "node:crypto";
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { NotInTroublePanel } from "#app/components/help-panel.tsx";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { getMyItemWithMessages, replyToLead } from "#app/models/safeguarding.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireYoungPerson } from "#app/utils/permissions.server.ts";
import { consume, RateLimited } from "#app/utils/rate-limit.server.ts";
import { ReplySchema } from "#app/validation/safeguarding.ts";
import { isolate } from "#app/utils/text.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireYoungPerson(request);
  invariantResponse(params.feedbackId && params.feedbackId.length <= 64, 404);
  const [item, org, t] = await Promise.all([getMyItemWithMessages(user.id, params.feedbackId), getOrganisation(), getT(request)]);
  // Only their own: anyone else's item is "not found".
  invariantResponse(item, 404);
  return {
    title: t("youth:thing.title"),
    item,
    helplines: org.helplines.map((h) => ({ kind: h.kind, name: h.name, phone: h.phone, hours: h.hours })),
    clientRequestId: randomUUID(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireYoungPerson(request);
  invariantResponse(params.feedbackId && params.feedbackId.length <= 64, 404);
  const submission = parseWithZod(await request.formData(), { schema: ReplySchema });
  if (submission.status !== "success") return data({ ...submission.reply(), sent: false }, { status: 400 });
  try {
    await consume("submit", user.id);
  } catch (error) {
    if (error instanceof RateLimited) return data({ ...submission.reply({ formErrors: ["common:errors.tooManyTries"] }), sent: false }, { status: 429 });
    throw error;
  }
  const result = await replyToLead(user.id, params.feedbackId, submission.value.text, submission.value.clientRequestId);
  invariantResponse(result.ok, 404);
  return { ...submission.reply({ resetForm: true }), sent: true };
}

export default function MyThing() {
  const { item, helplines, clientRequestId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  useLiveRevalidate([events.myThingsChanged]);
  const [form, fields] = useForm({
    id: "reply",
    lastResult: actionData,
    defaultValue: { clientRequestId },
    constraint: getZodConstraint(ReplySchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
  });
  return (
    <section className="stack">
      <p>
        <Link to="/me/things" className="tap-link">{t("youth:thing.back")}</Link>
      </p>
      <h1>{t("youth:thing.title")}</h1>
      <article className="card">
        <p>
          <span className={`badge badge-${item.status}`}>{t(`youth:status.${item.status}`)}</span>{" "}
          <span className="muted">
            <bdi>{item.groupName}</bdi> · <time dateTime={new Date(item.createdAt).toISOString()}>{formatDate(item.createdAt, true)}</time>
          </span>
        </p>
        <p dir="auto">{item.text}</p>
        <p className="muted">{t(`youth:status.${item.status}Explained`)}</p>
        {item.status === "safeguarding" ? <p className="muted">{t("youth:thing.cannotWithdraw")}</p> : null}
      </article>

      {item.hasConcern ? (
        <>
          <section aria-labelledby="messages" className="card">
            <h2 id="messages">{t("youth:thing.messages")}</h2>
            {item.messages.length === 0 ? (
              <p className="muted">{t("youth:thing.noMessages")}</p>
            ) : (
              <ol className="timeline">
                {item.messages.map((m) => (
                  <li key={m.id}>
                    <p className="muted">
                      {m.fromMe ? t("youth:thing.fromMe") : t("youth:thing.fromLead", { name: isolate(m.by ?? "") })} ·{" "}
                      <time dateTime={new Date(m.createdAt).toISOString()}>{formatDate(m.createdAt, true)}</time>
                    </p>
                    <p dir="auto">{m.text}</p>
                  </li>
                ))}
              </ol>
            )}
            {actionData?.sent ? (
              <p className="notice" role="status">
                {t("youth:thing.sent")}
              </p>
            ) : null}
            <Form method="post" {...getFormProps(form)} key={clientRequestId}>
              <FormErrors id={form.errorId} errors={form.errors} />
              <input {...getInputProps(fields.clientRequestId, { type: "hidden" })} />
              <div className="field">
                <label htmlFor={fields.text.id}>{t("youth:thing.reply")}</label>
                <span className="hint" id={`${fields.text.id}-hint`}>
                  {t("youth:thing.replyHint")}
                </span>
                <textarea {...getTextareaProps(fields.text, { ariaDescribedBy: `${fields.text.id}-hint` })} dir="auto" rows={4} />
                <ErrorList id={fields.text.errorId} errors={fields.text.errors} />
              </div>
              <SubmitButton>{t("youth:thing.send")}</SubmitButton>
            </Form>
          </section>
          <NotInTroublePanel helplines={helplines} />
        </>
      ) : null}
    </section>
  );
}
