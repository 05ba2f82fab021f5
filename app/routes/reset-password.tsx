import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { resetPasswordWithCode } from "#app/models/accounts.server.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { clientAddress, consume, RateLimited } from "#app/utils/rate-limit.server.ts";
import { startSession } from "#app/utils/session.server.ts";
import { ResetSchema } from "#app/validation/auth.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: (await getT(request))("auth:reset.title") };
}

/** A young person sets a new password with the one-time code their participation officer gave them. */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetSchema });
  const hideFields = ["password"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  try {
    await consume("reset", clientAddress(context));
  } catch (error) {
    if (error instanceof RateLimited) return data(submission.reply({ formErrors: ["common:errors.tooManyTries"], hideFields }), { status: 429 });
    throw error;
  }
  const user = await resetPasswordWithCode(submission.value.nickname, submission.value.code, submission.value.password);
  if (!user) return data(submission.reply({ formErrors: ["auth:errors.resetFailed"], hideFields }), { status: 400 });
  return startSession(user.id, "/me");
}

export default function ResetPassword() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "reset",
    lastResult,
    constraint: getZodConstraint(ResetSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetSchema }),
  });
  return (
    <section className="stack">
      <h1>{t("auth:reset.title")}</h1>
      <p>{t("auth:reset.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.nickname.id}>{t("auth:fields.nickname")}</label>
          <input {...getInputProps(fields.nickname, { type: "text" })} autoComplete="username" dir="auto" />
          <ErrorList id={fields.nickname.errorId} errors={fields.nickname.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.code.id}>{t("auth:fields.resetCode")}</label>
          <input {...getInputProps(fields.code, { type: "text" })} inputMode="numeric" autoComplete="one-time-code" dir="ltr" />
          <ErrorList id={fields.code.errorId} errors={fields.code.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.password.id}>{t("auth:fields.newPassword")}</label>
          <span className="hint" id={`${fields.password.id}-hint`}>
            {t("auth:fields.newPasswordHint")}
          </span>
          <input
            {...getInputProps(fields.password, { type: "password", ariaDescribedBy: `${fields.password.id}-hint` })}
            autoComplete="new-password"
          />
          <ErrorList id={fields.password.errorId} errors={fields.password.errors} />
        </div>
        <SubmitButton>{t("auth:reset.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
