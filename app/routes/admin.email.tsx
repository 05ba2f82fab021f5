import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { getStaffMember } from "#app/models/accounts.server.ts";
import { listFailedJobs } from "#app/models/jobs.server.ts";
import { MAIL_NOT_CONFIGURED, MailNotConfigured, sendEmailNow } from "#app/models/mail.server.ts";
import { getMailSettings, updateMailSettings } from "#app/models/organisation.server.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";
import { MailFormSchema, MailSettingsSchema } from "#app/validation/admin.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [settings, failed, t] = await Promise.all([getMailSettings(), listFailedJobs("email.send"), getT(request)]);
  return {
    title: t("admin:email.title"),
    settings,
    // Our own reason is said in the admin's language; a mail server's refusal is its own words.
    failed: failed.map((f) => ({
      id: f.id,
      notConfigured: f.lastError === MAIL_NOT_CONFIGURED,
      serverSaid: f.lastError === MAIL_NOT_CONFIGURED ? null : f.lastError,
      at: f.finishedAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: MailFormSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), outcome: null, detail: null }, { status: 400 });
  const input = submission.value;
  if (input.intent === "save") {
    await updateMailSettings(admin.id, {
      smtpHost: input.smtpHost,
      smtpPort: input.smtpPort,
      smtpSecure: input.smtpSecure === "yes",
      smtpUser: input.smtpUser,
      smtpPassword: input.smtpPassword,
      clearPassword: input.clearPassword === "yes",
      mailFrom: input.mailFrom,
    });
    return { ...submission.reply({ resetForm: true }), outcome: "saved" as const, detail: null };
  }
  // A test email to the admin themselves, sent now, so a wrong setting shows at once.
  const me = await getStaffMember(admin.id);
  const t = await getT(request);
  if (!me?.email) return data({ ...submission.reply(), outcome: "noAddress" as const, detail: null }, { status: 400 });
  try {
    await sendEmailNow({ to: me.email, subject: t("admin:email.testSubject"), text: t("admin:email.testBody") });
    return { ...submission.reply(), outcome: "testSent" as const, detail: me.email };
  } catch (error) {
    const detail = error instanceof MailNotConfigured ? t("admin:email.reasons.notConfigured") : error instanceof Error ? error.message : String(error);
    return data({ ...submission.reply(), outcome: "testFailed" as const, detail }, { status: 502 });
  }
}

export default function AdminEmail() {
  const { settings, failed } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [form, fields] = useForm({
    id: "mail",
    lastResult: reply?.initialValue && (reply.initialValue as { intent?: string }).intent === "save" ? reply : undefined,
    defaultValue: {
      intent: "save",
      smtpHost: settings.smtpHost,
      smtpPort: String(settings.smtpPort),
      smtpSecure: settings.smtpSecure ? "yes" : undefined,
      smtpUser: settings.smtpUser,
      mailFrom: settings.mailFrom,
    },
    constraint: getZodConstraint(MailSettingsSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MailSettingsSchema }),
  });
  return (
    <section className="stack">
      <p>
        <Link to="/admin" className="tap-link">{t("admin:home.back")}</Link>
      </p>
      <h1>{t("admin:email.title")}</h1>
      <p>{t("admin:email.intro")}</p>
      {reply?.outcome ? (
        <p role={reply.outcome === "testFailed" || reply.outcome === "noAddress" ? "alert" : "status"} className={reply.outcome === "testFailed" || reply.outcome === "noAddress" ? "notice notice-error" : "notice"}>
          {t(`admin:email.outcome.${reply.outcome}`, { detail: reply.detail ?? "" })}
        </p>
      ) : null}
      {!settings.smtpHost ? (
        <p className="notice notice-warn" role="note">
          {t("admin:email.off")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="save" />
        <div className="field">
          <label htmlFor={fields.smtpHost.id}>{t("admin:email.host")}</label>
          <input {...getInputProps(fields.smtpHost, { type: "text" })} autoComplete="off" dir="ltr" spellCheck={false} />
          <ErrorList id={fields.smtpHost.errorId} errors={fields.smtpHost.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.smtpPort.id}>{t("admin:email.port")}</label>
          <input {...getInputProps(fields.smtpPort, { type: "number" })} inputMode="numeric" className="admin-number" dir="ltr" />
          <ErrorList id={fields.smtpPort.errorId} errors={fields.smtpPort.errors} />
        </div>
        <label className="choice">
          <input {...getInputProps(fields.smtpSecure, { type: "checkbox", value: "yes" })} />
          {t("admin:email.secure")}
        </label>
        <div className="field">
          <label htmlFor={fields.smtpUser.id}>{t("admin:email.user")}</label>
          <input {...getInputProps(fields.smtpUser, { type: "text" })} autoComplete="off" dir="ltr" spellCheck={false} />
          <ErrorList id={fields.smtpUser.errorId} errors={fields.smtpUser.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.smtpPassword.id}>{t("admin:email.password")}</label>
          <span className="hint" id={`${fields.smtpPassword.id}-hint`}>
            {settings.passwordSet ? t("admin:email.passwordSet") : t("admin:email.passwordNotSet")}
          </span>
          <input {...getInputProps(fields.smtpPassword, { type: "password", ariaDescribedBy: `${fields.smtpPassword.id}-hint` })} autoComplete="new-password" dir="ltr" />
          <ErrorList id={fields.smtpPassword.errorId} errors={fields.smtpPassword.errors} />
        </div>
        {settings.passwordSet ? (
          <label className="choice">
            <input {...getInputProps(fields.clearPassword, { type: "checkbox", value: "yes" })} />
            {t("admin:email.clearPassword")}
          </label>
        ) : null}
        <div className="field">
          <label htmlFor={fields.mailFrom.id}>{t("admin:email.from")}</label>
          <input {...getInputProps(fields.mailFrom, { type: "email" })} autoComplete="off" dir="ltr" />
          <ErrorList id={fields.mailFrom.errorId} errors={fields.mailFrom.errors} />
        </div>
        <SubmitButton>{t("admin:email.save")}</SubmitButton>
      </Form>
      <Form method="post" className="card">
        <input type="hidden" name="intent" value="test" />
        <p>{t("admin:email.testIntro")}</p>
        <SubmitButton className="button-secondary">{t("admin:email.test")}</SubmitButton>
      </Form>
      <section aria-labelledby="failed" className="card">
        <h2 id="failed">{t("admin:email.failed", { number: failed.length })}</h2>
        {failed.length === 0 ? (
          <p className="muted">{t("admin:email.noFailed")}</p>
        ) : (
          <ul className="list">
            {failed.map((f) => (
              <li key={f.id}>
                {f.at ? <time dateTime={f.at}>{formatDate(f.at, true)}</time> : null}
                {f.at ? " — " : null}
                {f.notConfigured ? (
                  t("admin:email.reasons.notConfigured")
                ) : (
                  <>
                    {t("admin:email.reasons.server")}{" "}
                    <bdi lang="en" dir="ltr">
                      {f.serverSaid}
                    </bdi>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
