import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { Mood, ThemeName, useLanguageName } from "#app/components/officer-labels.tsx";
import { decideFeedback, listModerationQueue, type Decision } from "#app/models/feedback.server.ts";
import { listOfficerGroups } from "#app/models/groups.server.ts";
import { listThemes } from "#app/models/organisation.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import { ApproveSchema, DecideSchema, HoldSchema } from "#app/validation/officer.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer");
  const [queue, groups, themes, t] = await Promise.all([
    listModerationQueue(user.id),
    listOfficerGroups(user.id),
    listThemes(),
    getT(request),
  ]);
  return {
    title: t("officer:queue.title"),
    // NOTE: the model also returns the author's age band; it is left out here because, beside the
    // group, it can point to an author who chose to stay anonymous to the team.
    items: queue.map((item) => ({
      id: item.id,
      version: item.version,
      text: item.text,
      language: item.language,
      mood: item.mood,
      mayQuote: item.mayQuote,
      createdAt: item.createdAt,
      group: item.group,
      theme: item.theme,
      // null when the author chose "only someone keeping me safe may know it was me"
      author: item.author,
    })),
    groups,
    themes,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const formData = await request.formData();
  // Many forms on one page: the answer names the one it belongs to.
  const formId = `${String(formData.get("intent"))}-${String(formData.get("id"))}`;
  const submission = parseWithZod(formData, { schema: DecideSchema });
  if (submission.status !== "success") {
    return data({ ...submission.reply(), formId, decided: null, conflict: null }, { status: 400 });
  }
  const input = submission.value;
  const decision: Decision =
    input.intent === "approve"
      ? { kind: "approve", publishedText: input.publishedText, themeId: input.themeId || null, englishText: input.englishText || null }
      : { kind: "hold", reason: input.reason };
  const result = await decideFeedback(user.id, input.id, input.version, decision);
  if (!result.ok) {
    invariantResponse(result.reason !== "notFound", 404);
    // Someone else decided first (or the author withdrew): nothing was written. What this officer
    // typed comes back so that it is not lost.
    return data(
      {
        ...submission.reply(),
        formId,
        decided: null,
        conflict: { status: result.current.status, typed: input.intent === "approve" ? input.publishedText : input.reason },
      },
      { status: 409 },
    );
  }
  return { ...submission.reply({ resetForm: true }), formId, decided: decision.kind, conflict: null };
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];
type Theme = ReturnType<typeof useLoaderData<typeof loader>>["themes"][number];
type ActionResult = SubmissionResult<string[]> & { formId: string };

export default function ModerationQueue() {
  const { items, groups, themes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  useLiveRevalidate([events.queueChanged]);

  return (
    <section className="stack">
      <h1>{t("officer:queue.title")}</h1>
      <p>{t("officer:queue.intro")}</p>
      {actionData?.decided ? (
        <p role="status" className="notice">
          {actionData.decided === "approve" ? t("officer:queue.approved") : t("officer:queue.held")}
        </p>
      ) : null}
      {actionData?.conflict ? (
        <div role="alert" className="notice notice-warn">
          <h2>{t("officer:queue.conflictTitle")}</h2>
          <p>
            {t("officer:queue.conflictBody", {
              status: t(`officer:itemStatus.${actionData.conflict.status}`, { defaultValue: actionData.conflict.status }),
            })}
          </p>
          {actionData.conflict.typed ? (
            <details>
              <summary>{t("officer:queue.conflictTyped")}</summary>
              <p className="officer-text" dir="auto">
                {actionData.conflict.typed}
              </p>
            </details>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="queue-waiting" className="stack">
        <h2 id="queue-waiting">{t("officer:queue.waiting", { number: items.length })}</h2>
        {items.length === 0 ? (
          <p className="card">{t("officer:queue.empty")}</p>
        ) : (
          <ol className="list">
            {items.map((item) => (
              // A new version is a new item to decide on: its forms start afresh.
              <li key={`${item.id}-${item.version}`}>
                <QueueItem item={item} themes={themes} actionData={actionData} />
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="my-groups" className="card">
        <h2 id="my-groups">{t("officer:groups.title")}</h2>
        {groups.length === 0 ? (
          <p>{t("officer:groups.none")}</p>
        ) : (
          <ul className="list">
            {groups.map((group) => (
              <li key={group.id}>
                <Link to={`/officer/groups/${group.id}`}>
                  <bdi>{group.name}</bdi>
                </Link>
                <span className="muted">
                  {" · "}
                  {t("officer:groups.members", { number: group.members })}
                  {" · "}
                  {t("officer:groups.pending", { number: group.pending })}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/officer/asks">{t("officer:asks.title")}</Link>
        </p>
      </section>
    </section>
  );
}

function QueueItem({ item, themes, actionData }: { item: Item; themes: Theme[]; actionData: ActionResult | undefined }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const languageName = useLanguageName();
  const approveId = `approve-${item.id}`;
  const holdId = `hold-${item.id}`;
  const hidden = { id: item.id, version: String(item.version) };

  const [approveForm, approve] = useForm({
    id: approveId,
    lastResult: actionData?.formId === approveId ? actionData : undefined,
    defaultValue: { ...hidden, intent: "approve", publishedText: item.text, themeId: item.theme?.id ?? "" },
    constraint: getZodConstraint(ApproveSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApproveSchema }),
  });
  const [holdForm, hold] = useForm({
    id: holdId,
    lastResult: actionData?.formId === holdId ? actionData : undefined,
    defaultValue: { ...hidden, intent: "hold" },
    constraint: getZodConstraint(HoldSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HoldSchema }),
  });
  const headingId = `item-${item.id}`;

  return (
    <article className="card officer-item" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <bdi>{item.group.name}</bdi>
      </h3>
      <dl className="officer-facts">
        <div>
          <dt>{t("officer:queue.when")}</dt>
          <dd>
            <time dateTime={new Date(item.createdAt).toISOString()}>{formatDate(item.createdAt, true)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("officer:queue.language")}</dt>
          <dd>{languageName(item.language)}</dd>
        </div>
        <div>
          <dt>{t("officer:queue.mood")}</dt>
          <dd>
            <Mood mood={item.mood} />
          </dd>
        </div>
        <div>
          <dt>{t("officer:queue.theme")}</dt>
          <dd>
            <ThemeName theme={item.theme} />
          </dd>
        </div>
        <div>
          <dt>{t("officer:queue.author")}</dt>
          <dd>{item.author ? <bdi>{item.author}</bdi> : t("officer:queue.anonymous")}</dd>
        </div>
        <div>
          <dt>{t("officer:queue.mayQuote")}</dt>
          <dd>{item.mayQuote ? t("officer:queue.mayQuoteYes") : t("officer:queue.mayQuoteNo")}</dd>
        </div>
      </dl>
      <blockquote className="quote officer-text" dir="auto" lang={item.language}>
        {item.text}
      </blockquote>

      <Form method="post" {...getFormProps(approveForm)} className="officer-decision">
        <h4>{t("officer:queue.approveTitle")}</h4>
        <FormErrors id={approveForm.errorId} errors={approveForm.errors} />
        <input {...getInputProps(approve.intent, { type: "hidden" })} />
        <input {...getInputProps(approve.id, { type: "hidden" })} />
        <input {...getInputProps(approve.version, { type: "hidden" })} />
        <div className="field">
          <label htmlFor={approve.publishedText.id}>{t("officer:queue.publishedText")}</label>
          <span className="hint" id={`${approve.publishedText.id}-hint`}>
            {t("officer:queue.publishedTextHint")}
          </span>
          <textarea
            {...getTextareaProps(approve.publishedText, { ariaDescribedBy: `${approve.publishedText.id}-hint` })}
            dir="auto"
            lang={item.language}
            rows={5}
          />
          <ErrorList id={approve.publishedText.errorId} errors={approve.publishedText.errors} />
        </div>
        <div className="field">
          <label htmlFor={approve.themeId.id}>{t("officer:queue.theme")}</label>
          <select {...getSelectProps(approve.themeId)}>
            <option value="">{t("common:themes.none")}</option>
            {themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {t(`common:themes.${theme.key}`, { defaultValue: theme.name })}
              </option>
            ))}
          </select>
          <ErrorList id={approve.themeId.errorId} errors={approve.themeId.errors} />
        </div>
        {item.language === "en" ? null : (
          <div className="field">
            <label htmlFor={approve.englishText.id}>{t("officer:queue.englishText")}</label>
            <span className="hint" id={`${approve.englishText.id}-hint`}>
              {t("officer:queue.englishTextHint")}
            </span>
            <textarea
              {...getTextareaProps(approve.englishText, { ariaDescribedBy: `${approve.englishText.id}-hint` })}
              dir="ltr"
              lang="en"
              rows={4}
            />
            <ErrorList id={approve.englishText.errorId} errors={approve.englishText.errors} />
          </div>
        )}
        <SubmitButton>{t("officer:queue.approve")}</SubmitButton>
      </Form>

      <details className="officer-hold" open={Boolean(hold.reason.errors?.length) || undefined}>
        <summary>{t("officer:queue.holdTitle")}</summary>
        <Form method="post" {...getFormProps(holdForm)}>
          <FormErrors id={holdForm.errorId} errors={holdForm.errors} />
          <input {...getInputProps(hold.intent, { type: "hidden" })} />
          <input {...getInputProps(hold.id, { type: "hidden" })} />
          <input {...getInputProps(hold.version, { type: "hidden" })} />
          <div className="field">
            <label htmlFor={hold.reason.id}>{t("officer:queue.reason")}</label>
            <span className="hint" id={`${hold.reason.id}-hint`}>
              {t("officer:queue.reasonHint")}
            </span>
            <textarea {...getTextareaProps(hold.reason, { ariaDescribedBy: `${hold.reason.id}-hint` })} dir="auto" rows={3} />
            <ErrorList id={hold.reason.errorId} errors={hold.reason.errors} />
          </div>
          <SubmitButton className="button-danger">{t("officer:queue.hold")}</SubmitButton>
        </Form>
      </details>
    </article>
  );
}
