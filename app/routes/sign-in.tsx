import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, redirectDocument, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { LanguageSwitcher } from "#app/components/site-header.tsx";
import { verifySignIn } from "#app/models/accounts.server.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { homePath } from "#app/utils/permissions.server.ts";
import { clientAddress, consume, RateLimited, reset } from "#app/utils/rate-limit.server.ts";
import { safeRedirectPath } from "#app/utils/redirect.ts";
import { createSession, getSessionUser, getUserFromCookieHeader } from "#app/utils/session.server.ts";
import { normaliseLoginKey } from "#app/utils/text.ts";
import { SignInSchema } from "#app/validation/auth.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(homePath(user));
  return { title: (await getT(request))("auth:signIn.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: SignInSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { login, password, redirectTo } = submission.value;
  const address = clientAddress(context);
  const nameKey = `${address}:${normaliseLoginKey(login)}`;
  try {
    await consume("signInAddress", address);
    await consume("signIn", nameKey);
  } catch (error) {
    if (error instanceof RateLimited) {
      return data(submission.reply({ formErrors: ["common:errors.tooManyTries"], hideFields: ["password"] }), { status: 429 });
    }
    throw error;
  }
  const user = await verifySignIn(login, password);
  if (!user) {
    return data(submission.reply({ formErrors: ["auth:errors.signInFailed"], hideFields: ["password"] }), { status: 400 });
  }
  await reset("signIn", nameKey);
  const cookie = await createSession(user.id);
  const sessionUser = await getUserFromCookieHeader(cookie.split(";")[0]!);
  const target = safeRedirectPath(redirectTo, request.url, sessionUser ? homePath(sessionUser) : "/");
  return redirectDocument(target, { headers: { "Set-Cookie": cookie } });
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult,
    constraint: getZodConstraint(SignInSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });
  return (
    <section className="stack">
      <h1>{t("auth:signIn.title")}</h1>
      <LanguageSwitcher />
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <div className="field">
          <label htmlFor={fields.login.id}>{t("auth:fields.login")}</label>
          <span className="hint" id={`${fields.login.id}-hint`}>
            {t("auth:fields.loginHint")}
          </span>
          <input
            {...getInputProps(fields.login, { type: "text", ariaDescribedBy: `${fields.login.id}-hint` })}
            autoComplete="username"
            dir="auto"
          />
          <ErrorList id={fields.login.errorId} errors={fields.login.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.password.id}>{t("auth:fields.password")}</label>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
          <ErrorList id={fields.password.errorId} errors={fields.password.errors} />
        </div>
        <SubmitButton>{t("auth:signIn.submit")}</SubmitButton>
      </Form>
      <p>
        <Link to="/reset-password">{t("auth:signIn.forgot")}</Link>
      </p>
      <p>
        {t("auth:signIn.new")} <Link to="/join">{t("landing.join")}</Link>
      </p>
    </section>
  );
}
