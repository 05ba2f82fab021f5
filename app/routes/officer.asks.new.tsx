import { getCollectionProps, getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OwnerField } from "#app/components/ask-forms.tsx";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { Mood, ThemeName } from "#app/components/officer-labels.tsx";
import { randomUUID } from "node:crypto";
import { AskInputError, createAsk, listPollsForAsks, listPossibleOwners } from "#app/models/asks.server.ts";
import { once } from "#app/models/submissions.server.ts";
import { listApprovedForAsks } from "#app/models/feedback.server.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";
import { endOfUkDay, NewAskSchema, ukDate } from "#app/validation/officer.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer");
  const [items, polls, owners, t] = await Promise.all([listApprovedForAsks(user.id), listPollsForAsks(user.id), listPossibleOwners(), getT(request)]);
  return {
    submissionKey: randomUUID(),
    title: t("officer:newAsk.title"),
    today: ukDate(),
    polls: polls.map((p) => ({ id: p.id, title: p.title, status: p.status, linked: p.askId !== null })),
    owners: owners.map((o) => ({ id: o.id, name: o.displayName })),
    items: items.map((item) => ({
      id: item.id,
      publishedText: item.publishedText ?? "",
      mood: item.mood,
      mayQuote: item.mayQuote,
      decidedAt: item.decidedAt,
      group: item.group,
      theme: item.theme,
      inAsks: item.asks.length,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const submission = parseWithZod(await request.formData(), { schema: NewAskSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { title, body, feedbackIds, pollIds, ownerId, dueOn, submissionKey } = submission.value;
  try {
    const raised = await once(user.id, submissionKey, async () => {
      const ask = await createAsk(user.id, { title, body, feedbackIds, pollIds, ownerId: ownerId ?? null, dueAt: dueOn ? endOfUkDay(dueOn) : null });
      return ask.id;
    });
    return redirect(raised.resultId ? `/officer/asks/${raised.resultId}?raised=1` : "/officer/asks");
  } catch (error) {
    if (error instanceof AskInputError) {
      const field = error.reason === "ownerNotStaff" ? "ownerId" : error.reason === "pollsNotYours" ? "pollIds" : "feedbackIds";
      return data(submission.reply({ fieldErrors: { [field]: [`officer:errors.${error.reason}`] } }), { status: 400 });
    }
    throw error;
  }
}

export default function NewAsk() {
  const { items, polls, owners, today, submissionKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [form, fields] = useForm({
    id: "new-ask",
    lastResult,
    constraint: getZodConstraint(NewAskSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewAskSchema }),
  });
  const checkboxes = getCollectionProps(fields.feedbackIds, { type: "checkbox", options: items.map((i) => i.id) });
  const pollBoxes = getCollectionProps(fields.pollIds, { type: "checkbox", options: polls.map((p) => p.id) });

  return (
    <section className="stack">
      <p>
        <Link to="/officer/asks" className="tap-link">{t("officer:asks.back")}</Link>
      </p>
      <h1>{t("officer:newAsk.title")}</h1>
      <p>{t("officer:newAsk.intro")}</p>
      {items.length === 0 && polls.length === 0 ? (
        <p className="card">{t("officer:newAsk.noItems")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="submissionKey" value={submissionKey} />
          <fieldset className="field" aria-describedby={fields.feedbackIds.errorId}>
            <legend>{t("officer:newAsk.items")}</legend>
            <span className="hint">{t("officer:newAsk.itemsHint")}</span>
            <ErrorList id={fields.feedbackIds.errorId} errors={fields.feedbackIds.errors} />
            <ul className="list">
              {items.map((item, index) => {
                const { key, ...checkbox } = checkboxes[index]!;
                return (
                  <li key={key} className="officer-pick">
                    <input {...checkbox} />
                    <label htmlFor={checkbox.id} className="officer-pick-label">
                      <span className="officer-text" dir="auto">
                        {item.publishedText}
                      </span>
                      <span className="hint">
                        <bdi>{item.group.name}</bdi>
                        {" · "}
                        <ThemeName theme={item.theme} />
                        {" · "}
                        <Mood mood={item.mood} />
                        {item.decidedAt ? ` · ${t("officer:newAsk.approvedOn", { date: formatDate(item.decidedAt) })}` : null}
                        {" · "}
                        {item.mayQuote ? t("officer:queue.mayQuoteYes") : t("officer:queue.mayQuoteNo")}
                        {item.inAsks > 0 ? ` · ${t("officer:newAsk.inAsks", { count: item.inAsks })}` : null}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          {polls.length ? (
            <fieldset className="field" aria-describedby={fields.pollIds.errorId}>
              <legend>{t("officer:newAsk.polls")}</legend>
              <span className="hint">{t("officer:newAsk.pollsHint")}</span>
              <ErrorList id={fields.pollIds.errorId} errors={fields.pollIds.errors} />
              <ul className="list">
                {polls.map((poll, index) => {
                  const { key, ...checkbox } = pollBoxes[index]!;
                  return (
                    <li key={key} className="officer-pick">
                      <input {...checkbox} />
                      <label htmlFor={checkbox.id} className="officer-pick-label">
                        <bdi>{poll.title}</bdi>
                        {poll.linked ? <span className="hint"> · {t("officer:newAsk.pollLinked")}</span> : null}
                      </label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ) : null}
          <div className="field">
            <label htmlFor={fields.title.id}>{t("officer:newAsk.askTitle")}</label>
            <input {...getInputProps(fields.title, { type: "text" })} dir="auto" />
            <ErrorList id={fields.title.errorId} errors={fields.title.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.body.id}>{t("officer:newAsk.body")}</label>
            <span className="hint" id={`${fields.body.id}-hint`}>
              {t("officer:newAsk.bodyHint")}
            </span>
            <textarea {...getTextareaProps(fields.body, { ariaDescribedBy: `${fields.body.id}-hint` })} dir="auto" rows={6} />
            <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.dueOn.id}>{t("officer:newAsk.dueOn")}</label>
            <span className="hint" id={`${fields.dueOn.id}-hint`}>
              {t("officer:newAsk.dueOnHint")}
            </span>
            <input {...getInputProps(fields.dueOn, { type: "date", ariaDescribedBy: `${fields.dueOn.id}-hint` })} min={today} />
            <ErrorList id={fields.dueOn.errorId} errors={fields.dueOn.errors} />
          </div>
          <OwnerField field={fields.ownerId} owners={owners} />
          <SubmitButton>{t("officer:newAsk.submit")}</SubmitButton>
        </Form>
      )}
    </section>
  );
}
