import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formKey, SavedNotice, type AdminReply } from "#app/components/admin-forms.tsx";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { getOrganisation, updateOrganisationSettings } from "#app/models/organisation.server.ts";
import { events, rooms } from "#app/realtime/events.ts";
import { publish } from "#app/realtime/publish.server.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";
import {
  HELPLINE_KINDS,
  MAX_ESCALATE_MINUTES,
  MAX_HELPLINES,
  MAX_THRESHOLD,
  MIN_ESCALATE_MINUTES,
  MIN_THRESHOLD,
  SettingsSchema,
} from "#app/validation/admin.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [org, t] = await Promise.all([getOrganisation(), getT(request)]);
  return {
    title: t("admin:settings.title"),
    settings: {
      name: org.name,
      suppressionThreshold: org.suppressionThreshold,
      overdueAfterDays: org.overdueAfterDays,
      escalateAfterMinutes: org.escalateAfterMinutes,
      helplines: org.helplines.map((h) => ({ kind: h.kind, name: h.name, phone: h.phone, hours: h.hours })),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: SettingsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await updateOrganisationSettings(admin.id, submission.value);
  // A new k changes what every open board screen may show: they reload through their loader.
  publish(events.boardChanged, rooms.board(), {});
  return { ...submission.reply(), saved: formKey("settings") };
}

export default function AdminSettings() {
  const { settings } = useLoaderData<typeof loader>();
  // The page's only form: every reply is its own.
  const reply: AdminReply | undefined = useActionData<typeof action>();
  const { t } = useTranslation();
  // Spare empty rows up to the maximum: no JavaScript is needed to add a helpline.
  const helplines = [
    ...settings.helplines,
    ...Array.from({ length: Math.max(0, MAX_HELPLINES - settings.helplines.length) }, () => ({ kind: "other", name: "", phone: "", hours: "" })),
  ];
  const [form, fields] = useForm({
    id: "settings",
    lastResult: reply,
    defaultValue: { ...settings, helplines },
    constraint: getZodConstraint(SettingsSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SettingsSchema }),
  });
  const rows = fields.helplines.getFieldList();
  return (
    <section className="stack">
      <p>
        <Link to="/admin" className="tap-link">{t("admin:home.back")}</Link>
      </p>
      <h1>{t("admin:settings.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="card">
        <SavedNotice reply={reply} formKey={formKey("settings")} message="admin:settings.saved" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.name.id}>{t("admin:settings.name")}</label>
          <input {...getInputProps(fields.name, { type: "text" })} autoComplete="organization" dir="auto" />
          <ErrorList id={fields.name.errorId} errors={fields.name.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.suppressionThreshold.id}>{t("admin:settings.threshold")}</label>
          <span className="hint" id={`${fields.suppressionThreshold.id}-hint`}>
            {t("admin:settings.thresholdHint", { min: MIN_THRESHOLD, max: MAX_THRESHOLD })}
          </span>
          <input
            {...getInputProps(fields.suppressionThreshold, {
              type: "number",
              ariaDescribedBy: `${fields.suppressionThreshold.id}-hint`,
            })}
            inputMode="numeric"
            className="admin-number"
          />
          <ErrorList id={fields.suppressionThreshold.errorId} errors={fields.suppressionThreshold.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.overdueAfterDays.id}>{t("admin:settings.overdue")}</label>
          <span className="hint" id={`${fields.overdueAfterDays.id}-hint`}>
            {t("admin:settings.overdueHint")}
          </span>
          <input
            {...getInputProps(fields.overdueAfterDays, {
              type: "number",
              ariaDescribedBy: `${fields.overdueAfterDays.id}-hint`,
            })}
            inputMode="numeric"
            className="admin-number"
          />
          <ErrorList id={fields.overdueAfterDays.errorId} errors={fields.overdueAfterDays.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.escalateAfterMinutes.id}>{t("admin:settings.escalate")}</label>
          <span className="hint" id={`${fields.escalateAfterMinutes.id}-hint`}>
            {t("admin:settings.escalateHint", { min: MIN_ESCALATE_MINUTES, max: MAX_ESCALATE_MINUTES })}
          </span>
          <input
            {...getInputProps(fields.escalateAfterMinutes, {
              type: "number",
              ariaDescribedBy: `${fields.escalateAfterMinutes.id}-hint`,
            })}
            inputMode="numeric"
            className="admin-number"
          />
          <ErrorList id={fields.escalateAfterMinutes.errorId} errors={fields.escalateAfterMinutes.errors} />
        </div>
        <fieldset aria-describedby="helplines-hint">
          <legend>{t("admin:settings.helplines")}</legend>
          <span className="hint" id="helplines-hint">
            {t("admin:settings.helplinesHint", { max: MAX_HELPLINES })}
          </span>
          <ErrorList id={fields.helplines.errorId} errors={fields.helplines.errors} />
          <ol className="list admin-helplines">
            {rows.map((row, index) => {
              const line = row.getFieldset();
              return (
                <li key={row.key}>
                  <fieldset className="admin-helpline">
                    <legend>{t("admin:settings.helplineNumber", { number: index + 1 })}</legend>
                    <div className="field">
                      <label htmlFor={line.kind.id}>{t("admin:settings.helplineKind")}</label>
                      <select {...getSelectProps(line.kind)}>
                        {HELPLINE_KINDS.map((kind) => (
                          <option key={kind} value={kind}>
                            {t(`admin:settings.helplineKinds.${kind}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field">
                      <label htmlFor={line.name.id}>{t("admin:settings.helplineName")}</label>
                      <input {...getInputProps(line.name, { type: "text" })} autoComplete="off" dir="auto" />
                      <ErrorList id={line.name.errorId} errors={line.name.errors} />
                    </div>
                    <div className="field">
                      <label htmlFor={line.phone.id}>{t("admin:settings.helplinePhone")}</label>
                      <input {...getInputProps(line.phone, { type: "tel" })} autoComplete="off" dir="ltr" />
                      <ErrorList id={line.phone.errorId} errors={line.phone.errors} />
                    </div>
                    <div className="field">
                      <label htmlFor={line.hours.id}>{t("admin:settings.helplineHours")}</label>
                      <input {...getInputProps(line.hours, { type: "text" })} autoComplete="off" dir="auto" />
                      <ErrorList id={line.hours.errorId} errors={line.hours.errors} />
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
        </fieldset>
        <SubmitButton>{t("admin:settings.save")}</SubmitButton>
      </Form>
    </section>
  );
}
