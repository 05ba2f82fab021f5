import { randomUUID } from "node:crypto";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConcernBadge } from "#app/components/concern-labels.tsx";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { Mood, useLanguageName } from "#app/components/officer-labels.tsx";
import { acknowledgeConcern, getConcernForLead, recordConcernAction, revealAuthor, sendLeadMessage } from "#app/models/safeguarding.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import { ActionSchema, CLOSING_KINDS, CONCERN_ACTION_KINDS, ConcernFormSchema, LeadMessageSchema, RevealSchema } from "#app/validation/safeguarding.ts";
import { isolate } from "#app/utils/text.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

const ParamsSchema = { parse: (value: string | undefined) => (value && value.length <= 64 ? value : null) };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lead = await requireRole(request, "safeguarding_lead");
  const concernId = ParamsSchema.parse(params.concernId);
  invariantResponse(concernId, 404);
  const [concern, t] = await Promise.all([getConcernForLead(lead.id, concernId), getT(request)]);
  invariantResponse(concern, 404);
  return {
    title: t("safeguarding:concern.title", { group: concern.group.name }),
    concern,
    // One per form shown: a double tap of "send" sends one message.
    clientRequestId: randomUUID(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lead = await requireRole(request, "safeguarding_lead");
  const concernId = ParamsSchema.parse(params.concernId);
  invariantResponse(concernId, 404);
  const formData = await request.formData();
  const formId = String(formData.get("intent"));
  const submission = parseWithZod(formData, { schema: ConcernFormSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), formId, conflict: null, done: null }, { status: 400 });
  const input = submission.value;
  const result =
    input.intent === "acknowledge"
      ? await acknowledgeConcern(lead.id, concernId)
      : input.intent === "reveal"
        ? await revealAuthor(lead.id, concernId, input.reason)
        : input.intent === "action"
          ? await recordConcernAction(lead.id, concernId, input.version, { kind: input.kind, reason: input.reason, close: input.close === "yes" })
          : await sendLeadMessage(lead.id, concernId, input.text, input.clientRequestId);
  if (!result.ok) {
    invariantResponse(result.reason !== "notFound", 404);
    // Another lead acted first: nothing was written; what this lead typed comes back.
    return data({ ...submission.reply(), formId, conflict: result.current.status, done: null }, { status: 409 });
  }
  return { ...submission.reply({ resetForm: true }), formId, conflict: null, done: input.intent };
}

type Concern = ReturnType<typeof useLoaderData<typeof loader>>["concern"];
type Reply = SubmissionResult<string[]> & { formId: string };

export default function ConcernPage() {
  const { concern, clientRequestId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const languageName = useLanguageName();
  useLiveRevalidate([events.concernsChanged]);

  return (
    <section className="stack">
      <p>
        <Link to="/safeguarding" className="tap-link">{t("safeguarding:concern.back")}</Link>
      </p>
      <h1>{t("safeguarding:concern.title", { group: concern.group.name })}</h1>
      {actionData?.done ? (
        <p role="status" className="notice">
          {t(`safeguarding:concern.done.${actionData.done}`)}
        </p>
      ) : null}
      {actionData?.conflict ? (
        <p role="alert" className="notice notice-warn">
          {t("safeguarding:concern.conflict", { status: t(`safeguarding:status.${actionData.conflict}`) })}
        </p>
      ) : null}

      <dl className="officer-facts">
        <div>
          <dt>{t("safeguarding:concern.status")}</dt>
          <dd>
            <ConcernBadge status={concern.status} escalated={concern.escalatedAt !== null} />
          </dd>
        </div>
        <div>
          <dt>{t("safeguarding:concern.received")}</dt>
          <dd>
            <time dateTime={new Date(concern.createdAt).toISOString()}>{formatDate(concern.createdAt, true)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("safeguarding:concern.source")}</dt>
          <dd>
            {concern.source === "officer" ? (
              <>
                {t("safeguarding:source.officer")}
                {concern.raisedBy ? (
                  <>
                    {" "}
                    (<bdi>{concern.raisedBy}</bdi>)
                  </>
                ) : null}
              </>
            ) : (
              t("safeguarding:source.screen")
            )}
            {concern.fromPoll ? ` · ${t("safeguarding:concern.fromPoll")}` : null}
          </dd>
        </div>
        <div>
          <dt>{t("safeguarding:concern.language")}</dt>
          <dd>{languageName(concern.language)}</dd>
        </div>
        <div>
          <dt>{t("safeguarding:concern.mood")}</dt>
          <dd>
            <Mood mood={concern.mood} />
          </dd>
        </div>
        {concern.acknowledgedBy ? (
          <div>
            <dt>{t("safeguarding:concern.acknowledged")}</dt>
            <dd>
              <bdi>{concern.acknowledgedBy}</bdi>, {concern.acknowledgedAt ? formatDate(concern.acknowledgedAt, true) : null}
            </dd>
          </div>
        ) : null}
        {concern.escalatedAt ? (
          <div>
            <dt>{t("safeguarding:concern.escalatedAt")}</dt>
            <dd>{formatDate(concern.escalatedAt, true)}</dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="words" className="card">
        <h2 id="words">{t("safeguarding:concern.words")}</h2>
        <blockquote className="quote officer-text" dir="auto" lang={concern.language}>
          <MarkedText text={concern.text} hits={concern.hits} />
        </blockquote>
        {concern.raisedReason ? (
          <p>
            <strong>{t("safeguarding:concern.officerReason")}</strong>{" "}
            <span dir="auto">{concern.raisedReason}</span>
          </p>
        ) : null}
        {concern.hits.length ? (
          <>
            <h3>{t("safeguarding:concern.matched")}</h3>
            <ul>
              {concern.hits.map((hit, i) => (
                <li key={i}>
                  {t(`safeguarding:categories.${hit.category}`, { defaultValue: hit.category })}:{" "}
                  <bdi lang={hit.language}>{concern.text.slice(hit.start, hit.end)}</bdi>{" "}
                  <span className="muted">({t("safeguarding:concern.listOf", { language: languageName(hit.language) })})</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="who" className="card">
        <h2 id="who">{t("safeguarding:concern.who")}</h2>
        {concern.author ? (
          <dl className="officer-facts">
            <div>
              <dt>{t("safeguarding:concern.nickname")}</dt>
              <dd>
                <bdi>{concern.author.nickname}</bdi>
              </dd>
            </div>
            <div>
              <dt>{t("safeguarding:concern.ageBand")}</dt>
              <dd>{concern.author.ageBand ?? t("safeguarding:concern.unknown")}</dd>
            </div>
            <div>
              <dt>{t("safeguarding:concern.theirLanguage")}</dt>
              <dd>{languageName(concern.author.language)}</dd>
            </div>
            <div>
              <dt>{t("safeguarding:concern.note")}</dt>
              <dd dir="auto">{concern.author.note ?? t("safeguarding:concern.noNote")}</dd>
            </div>
          </dl>
        ) : (
          <RevealForm actionData={actionData} />
        )}
        {concern.identity === "safeguarding" && concern.author ? <p className="muted">{t("safeguarding:concern.revealedNote")}</p> : null}
      </section>

      {concern.status === "open" ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="acknowledge" />
          <p>{t("safeguarding:concern.acknowledgeHint")}</p>
          <SubmitButton>{t("safeguarding:concern.acknowledge")}</SubmitButton>
        </Form>
      ) : null}

      {concern.status !== "closed" ? <ActionForm concern={concern} actionData={actionData} /> : null}

      <MessagesSection concern={concern} clientRequestId={clientRequestId} actionData={actionData} />

      <section aria-labelledby="history" className="card">
        <h2 id="history">{t("safeguarding:history.title")}</h2>
        <History concern={concern} />
      </section>
    </section>
  );
}

/** The words with what the screen matched marked; overlapping matches are merged. */
function MarkedText({ text, hits }: { text: string; hits: { start: number; end: number }[] }) {
  const ranges = [...hits]
    .filter((h) => h.start >= 0 && h.end <= text.length && h.start < h.end)
    .sort((a, b) => a.start - b.start)
    .reduce<{ start: number; end: number }[]>((merged, h) => {
      const last = merged[merged.length - 1];
      if (last && h.start <= last.end) last.end = Math.max(last.end, h.end);
      else merged.push({ start: h.start, end: h.end });
      return merged;
    }, []);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start > at) parts.push(text.slice(at, r.start));
    parts.push(<mark key={r.start}>{text.slice(r.start, r.end)}</mark>);
    at = r.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

function RevealForm({ actionData }: { actionData: Reply | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "reveal",
    lastResult: actionData?.formId === "reveal" ? actionData : undefined,
    constraint: getZodConstraint(RevealSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RevealSchema }),
  });
  return (
    <>
      <p>{t("safeguarding:concern.anonymous")}</p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="reveal" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.reason.id}>{t("safeguarding:concern.revealReason")}</label>
          <span className="hint" id={`${fields.reason.id}-hint`}>
            {t("safeguarding:concern.revealHint")}
          </span>
          <textarea {...getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` })} dir="auto" rows={3} />
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <SubmitButton className="button-danger">{t("safeguarding:concern.reveal")}</SubmitButton>
      </Form>
    </>
  );
}

function ActionForm({ concern, actionData }: { concern: Concern; actionData: Reply | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "action",
    lastResult: actionData?.formId === "action" ? actionData : undefined,
    constraint: getZodConstraint(ActionSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
  });
  const [kind, setKind] = useState(fields.kind.initialValue ?? "");
  const closesAlways = (CLOSING_KINDS as readonly string[]).includes(kind);
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h2>{t("safeguarding:action.title")}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="action" />
      {/* The version on screen: the page follows other leads' changes live, so what is typed here
          is kept, and a change that lands while it is sent is refused as a conflict. */}
      <input type="hidden" name={fields.version.name} value={concern.version} />
      <div className="field">
        <label htmlFor={fields.kind.id}>{t("safeguarding:action.kind")}</label>
        <select {...getSelectProps(fields.kind)} onChange={(event) => setKind(event.target.value)}>
          <option value="">{t("safeguarding:action.choose")}</option>
          {CONCERN_ACTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`safeguarding:outcomes.${k}`)}
            </option>
          ))}
        </select>
        <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.reason.id}>{t("safeguarding:action.reason")}</label>
        <span className="hint" id={`${fields.reason.id}-hint`}>
          {t("safeguarding:action.reasonHint")}
        </span>
        <textarea {...getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` })} dir="auto" rows={4} />
        <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      {closesAlways ? (
        <p className="hint">{kind === "not_a_concern" ? t("safeguarding:action.returnsToQueue") : t("safeguarding:action.closes")}</p>
      ) : kind !== "note" ? (
        <label className="choice">
          <input {...getInputProps(fields.close, { type: "checkbox", value: "yes" })} />
          {t("safeguarding:action.close")}
        </label>
      ) : null}
      <SubmitButton>{t("safeguarding:action.save")}</SubmitButton>
    </Form>
  );
}

function MessagesSection({ concern, clientRequestId, actionData }: { concern: Concern; clientRequestId: string; actionData: Reply | undefined }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [form, fields] = useForm({
    id: "message",
    lastResult: actionData?.formId === "message" ? actionData : undefined,
    defaultValue: { clientRequestId },
    constraint: getZodConstraint(LeadMessageSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LeadMessageSchema }),
  });
  return (
    <section aria-labelledby="messages" className="card">
      <h2 id="messages">{t("safeguarding:messages.title")}</h2>
      {concern.messages.length === 0 ? (
        <p className="muted">{t("safeguarding:messages.none")}</p>
      ) : (
        <ol className="timeline">
          {concern.messages.map((m) => (
            <li key={m.id}>
              <p className="muted">
                {m.fromRole === "lead" ? <bdi>{m.by}</bdi> : t("safeguarding:messages.youngPerson")} ·{" "}
                <time dateTime={new Date(m.createdAt).toISOString()}>{formatDate(m.createdAt, true)}</time>
              </p>
              <p className="officer-text" dir="auto">
                {m.text}
              </p>
            </li>
          ))}
        </ol>
      )}
      <Form method="post" {...getFormProps(form)} key={clientRequestId}>
        <input type="hidden" name="intent" value="message" />
        <input {...getInputProps(fields.clientRequestId, { type: "hidden" })} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.text.id}>{t("safeguarding:messages.write")}</label>
          <span className="hint" id={`${fields.text.id}-hint`}>
            {t("safeguarding:messages.hint")}
          </span>
          <textarea {...getTextareaProps(fields.text, { ariaDescribedBy: `${fields.text.id}-hint` })} dir="auto" rows={4} />
          <ErrorList id={fields.text.errorId} errors={fields.text.errors} />
        </div>
        <SubmitButton>{t("safeguarding:messages.send")}</SubmitButton>
      </Form>
    </section>
  );
}

function History({ concern }: { concern: Concern }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const entries: { at: string; text: React.ReactNode }[] = [
    { at: String(concern.createdAt), text: concern.source === "officer" ? t("safeguarding:history.escalatedByOfficer") : t("safeguarding:history.screened") },
    ...(concern.acknowledgedAt ? [{ at: String(concern.acknowledgedAt), text: t("safeguarding:history.acknowledged", { name: isolate(concern.acknowledgedBy ?? "") }) }] : []),
    ...(concern.escalatedAt ? [{ at: String(concern.escalatedAt), text: t("safeguarding:history.escalated", { number: concern.escalations }) }] : []),
    ...concern.reveals.map((r) => ({ at: String(r.createdAt), text: t("safeguarding:history.revealed", { name: isolate(r.by), reason: isolate(r.reason) }) })),
    ...concern.openedByOfficers.map((o) => ({ at: String(o.createdAt), text: t("safeguarding:history.openedByOfficer", { name: isolate(o.by ?? "") }) })),
    ...concern.actions.map((a) => ({
      at: String(a.createdAt),
      text: t("safeguarding:history.action", { name: isolate(a.by), action: t(`safeguarding:outcomes.${a.kind}`), reason: isolate(a.reason) }),
    })),
  ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  return (
    <ol className="timeline">
      {entries.map((e, i) => (
        <li key={i}>
          <time dateTime={new Date(e.at).toISOString()}>{formatDate(e.at, true)}</time>: <span dir="auto">{e.text}</span>
        </li>
      ))}
    </ol>
  );
}
