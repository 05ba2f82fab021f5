import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { LanguageSwitcher } from "#app/components/site-header.tsx";
import { changePassword, verifySignIn } from "#app/models/accounts.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireUser } from "#app/utils/permissions.server.ts";
import { destroySessionCookie, signOutEverywhere } from "#app/utils/session.server.ts";
import { ChangePasswordSchema } from "#app/validation/auth.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = await getT(request);
  return { title: t("auth:account.title"), displayName: user.displayName, kind: user.kind };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "sign-out-everywhere") {
    await signOutEverywhere(user.id);
    return redirect("/", { headers: { "Set-Cookie": await destroySessionCookie() } });
  }
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
  const hideFields = ["currentPassword", "newPassword"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const login = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { loginKey: true } });
  if (!(await verifySignIn(login.loginKey, submission.value.currentPassword))) {
    return data(submission.reply({ fieldErrors: { currentPassword: ["auth:errors.currentPasswordWrong"] }, hideFields }), { status: 400 });
  }
  await changePassword(user.id, submission.value.newPassword);
  return { ...submission.reply({ resetForm: true }), saved: true };
}

export default function Account() {
  const { displayName } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult,
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  return (
    <section className="stack">
      <h1>{t("auth:account.title")}</h1>
      <p>
        {t("auth:account.signedInAs")} <bdi>{displayName}</bdi>
      </p>
      <section className="card">
        <h2>{t("language.label")}</h2>
        <LanguageSwitcher />
      </section>
      <Form method="post" {...getFormProps(form)} className="card">
        <h2>{t("auth:account.changePassword")}</h2>
        {lastResult && "saved" in lastResult ? (
          <p role="status" className="notice">
            {t("auth:account.passwordChanged")}
          </p>
        ) : null}
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.currentPassword.id}>{t("auth:fields.currentPassword")}</label>
          <input {...getInputProps(fields.currentPassword, { type: "password" })} autoComplete="current-password" />
          <ErrorList id={fields.currentPassword.errorId} errors={fields.currentPassword.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.newPassword.id}>{t("auth:fields.newPassword")}</label>
          <input {...getInputProps(fields.newPassword, { type: "password" })} autoComplete="new-password" />
          <ErrorList id={fields.newPassword.errorId} errors={fields.newPassword.errors} />
        </div>
        <SubmitButton>{t("auth:account.savePassword")}</SubmitButton>
      </Form>
      <Form method="post" className="card">
        <h2>{t("auth:account.everywhereTitle")}</h2>
        <p>{t("auth:account.everywhereBody")}</p>
        <button type="submit" name="intent" value="sign-out-everywhere" className="button-secondary">
          {t("auth:account.everywhere")}
        </button>
      </Form>
    </section>
  );
}
