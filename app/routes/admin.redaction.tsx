import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { addRedactionTerm, listRedactionTerms, removeRedactionTerm } from "#app/models/redaction.server.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";
import { AddTermSchema, REDACTION_TERM_KINDS, TermFormSchema } from "#app/validation/admin.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [terms, t] = await Promise.all([listRedactionTerms(), getT(request)]);
  return { title: t("admin:redaction.title"), terms };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: TermFormSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), saved: null }, { status: 400 });
  const input = submission.value;
  if (input.intent === "remove") {
    await removeRedactionTerm(admin.id, input.termId);
    return { ...submission.reply(), saved: "removed" as const };
  }
  await addRedactionTerm(admin.id, { kind: input.kind, text: input.text });
  return { ...submission.reply({ resetForm: true }), saved: "added" as const };
}

export default function AdminRedaction() {
  const { terms } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "add-term",
    lastResult: reply?.saved === "removed" ? undefined : reply,
    defaultValue: { intent: "add" },
    constraint: getZodConstraint(AddTermSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddTermSchema }),
  });
  return (
    <section className="stack">
      <p>
        <Link to="/admin" className="tap-link">{t("admin:home.back")}</Link>
      </p>
      <h1>{t("admin:redaction.title")}</h1>
      <p>{t("admin:redaction.intro")}</p>
      {reply?.saved ? (
        <p className="notice" role="status">
          {t(`admin:redaction.${reply.saved}`)}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="add" />
        <div className="field">
          <label htmlFor={fields.kind.id}>{t("admin:redaction.kind")}</label>
          <select {...getSelectProps(fields.kind)}>
            <option value="">{t("admin:phrases.choose")}</option>
            {REDACTION_TERM_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`admin:redaction.kinds.${k}`)}
              </option>
            ))}
          </select>
          <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.text.id}>{t("admin:redaction.text")}</label>
          <input {...getInputProps(fields.text, { type: "text" })} dir="auto" autoComplete="off" />
          <ErrorList id={fields.text.errorId} errors={fields.text.errors} />
        </div>
        <SubmitButton>{t("admin:redaction.add")}</SubmitButton>
      </Form>
      <section aria-labelledby="terms" className="card">
        <h2 id="terms">{t("admin:redaction.listTitle", { number: terms.length })}</h2>
        {terms.length === 0 ? (
          <p className="muted">{t("admin:redaction.none")}</p>
        ) : (
          <ul className="list">
            {terms.map((term) => (
              <li key={term.id}>
                <bdi>{term.text}</bdi> · {t(`admin:redaction.kinds.${term.kind}`, { defaultValue: term.kind })}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="termId" value={term.id} />
                  <button type="submit" className="link-button">
                    {t("admin:redaction.remove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
