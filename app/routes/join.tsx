import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { LanguageSwitcher } from "#app/components/site-header.tsx";
import { WhoSeesWhat } from "#app/components/who-sees-what.tsx";
import { findUsableInvite, joinAnotherGroup, JoinFailed, joinWithInvite, verifySignIn } from "#app/models/accounts.server.ts";
import { isActiveMember } from "#app/models/groups.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { getLocale, getT } from "#app/utils/i18next.server.ts";
import { clientAddress, consume, RateLimited } from "#app/utils/rate-limit.server.ts";
import { getSessionUser, startSession } from "#app/utils/session.server.ts";
import { AGE_BANDS, JoinAnotherSchema, JoinSchema } from "#app/validation/auth.ts";
import { normaliseCode } from "#app/utils/text.ts";
import { isolate } from "#app/utils/text.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const code = normaliseCode(url.searchParams.get("code") ?? "").slice(0, 8);
  const [user, org, t] = await Promise.all([getSessionUser(request), getOrganisation(), getT(request)]);
  // Show which group a link is for, so nobody joins the wrong one; a bad code just shows nothing.
  // Each lookup spends a join try: otherwise the page would confirm guessed codes for free.
  const groupName =
    code && (await consume("join", clientAddress(context)).then(() => true, () => false))
      ? await findUsableInvite(code).then((i) => i.groupName, () => null)
      : null;
  return {
    title: t("auth:join.title"),
    code,
    groupName,
    signedInAsYoungPerson: user?.kind === "young_person",
    signedInAsStaff: user?.kind === "staff",
    helplines: org.helplines,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const user = await getSessionUser(request);
  const address = clientAddress(context);

  if (user?.kind === "young_person") {
    const submission = parseWithZod(formData, { schema: JoinAnotherSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    try {
      await consume("join", address);
      await joinAnotherGroup(user.id, submission.value.code);
    } catch (error) {
      if (error instanceof RateLimited) return data(submission.reply({ formErrors: ["common:errors.tooManyTries"] }), { status: 429 });
      if (error instanceof JoinFailed) return data(submission.reply({ fieldErrors: { code: [`auth:errors.${error.reason}`] } }), { status: 400 });
      throw error;
    }
    return startSession(user.id, "/me?joined=1");
  }

  const submission = parseWithZod(formData, { schema: JoinSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const input = submission.value;
  try {
    await consume("join", address);
    const joined = await joinWithInvite({ ...input, locale: await getLocale(request) });
    return startSession(joined.userId, "/me?joined=1");
  } catch (error) {
    if (error instanceof RateLimited) {
      return data(submission.reply({ formErrors: ["common:errors.tooManyTries"], hideFields: ["password"] }), { status: 429 });
    }
    if (error instanceof JoinFailed) {
      if (error.reason === "nicknameTaken") {
        // The same form sent twice (a double tap, a retry after a lost answer): the account the
        // first one made is this person's, and they proved it with its password.
        const same = await verifySignIn(input.nickname, input.password);
        const invite = await findUsableInvite(input.code).catch(() => null);
        if (same && invite && (await isActiveMember(same.id, invite.groupId))) return startSession(same.id, "/me?joined=1");
      }
      const field = error.reason === "nicknameTaken" ? "nickname" : "code";
      return data(
        submission.reply({ fieldErrors: { [field]: [`auth:errors.${error.reason}`] }, hideFields: ["password"] }),
        { status: 400 },
      );
    }
    throw error;
  }
}

export default function Join() {
  const { code, groupName, signedInAsYoungPerson, signedInAsStaff, helplines } = useLoaderData<typeof loader>();
  const { t } = useTranslation();

  if (signedInAsStaff) {
    return (
      <section className="card">
        <h1>{t("auth:join.title")}</h1>
        <p>{t("auth:join.staffCannotJoin")}</p>
      </section>
    );
  }
  return (
    <section className="stack">
      <h1>{signedInAsYoungPerson ? t("auth:join.anotherTitle") : t("auth:join.title")}</h1>
      {groupName ? <p className="lead">{t("auth:join.forGroup", { group: isolate(groupName) })}</p> : null}
      {signedInAsYoungPerson ? (
        <JoinAnotherForm code={code} />
      ) : (
        <>
          <LanguageSwitcher />
          <WhoSeesWhat helplines={helplines} />
          <JoinForm code={code} />
          <p>
            {t("auth:join.haveAccount")} <Link to="/sign-in">{t("auth:signIn.title")}</Link>
          </p>
        </>
      )}
    </section>
  );
}

function JoinForm({ code }: { code: string }) {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "join",
    lastResult,
    defaultValue: { code },
    constraint: getZodConstraint(JoinSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JoinSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h2>{t("auth:join.formTitle")}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.code.id}>{t("auth:fields.code")}</label>
        <span className="hint" id={`${fields.code.id}-hint`}>
          {t("auth:fields.codeHint")}
        </span>
        <input
          {...getInputProps(fields.code, { type: "text", ariaDescribedBy: `${fields.code.id}-hint` })}
          inputMode="numeric"
          autoComplete="off"
          dir="ltr"
        />
        <ErrorList id={fields.code.errorId} errors={fields.code.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.nickname.id}>{t("auth:fields.nickname")}</label>
        <span className="hint" id={`${fields.nickname.id}-hint`}>
          {t("auth:fields.nicknameHint")}
        </span>
        <input
          {...getInputProps(fields.nickname, { type: "text", ariaDescribedBy: `${fields.nickname.id}-hint` })}
          autoComplete="username"
          dir="auto"
        />
        <ErrorList id={fields.nickname.errorId} errors={fields.nickname.errors} />
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
      <div className="field">
        <label htmlFor={fields.ageBand.id}>{t("auth:fields.ageBand")}</label>
        <span className="hint" id={`${fields.ageBand.id}-hint`}>
          {t("auth:fields.ageBandHint")}
        </span>
        <select {...getSelectProps(fields.ageBand, { ariaDescribedBy: `${fields.ageBand.id}-hint` })}>
          <option value="">{t("auth:fields.choose")}</option>
          {AGE_BANDS.map((band) => (
            <option key={band} value={band}>
              {t(`auth:ageBands.${band}`)}
            </option>
          ))}
        </select>
        <ErrorList id={fields.ageBand.errorId} errors={fields.ageBand.errors} />
      </div>
      <SubmitButton>{t("auth:join.submit")}</SubmitButton>
    </Form>
  );
}

function JoinAnotherForm({ code }: { code: string }) {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "join-another",
    lastResult,
    defaultValue: { code },
    constraint: getZodConstraint(JoinAnotherSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JoinAnotherSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.code.id}>{t("auth:fields.code")}</label>
        <input {...getInputProps(fields.code, { type: "text" })} inputMode="numeric" autoComplete="off" dir="ltr" />
        <ErrorList id={fields.code.errorId} errors={fields.code.errors} />
      </div>
      <SubmitButton>{t("auth:join.submitAnother")}</SubmitButton>
    </Form>
  );
}
