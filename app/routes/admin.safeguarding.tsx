import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { addPhrase, listAddedPhrases, phraseListStatuses, removePhrase } from "#app/models/screening.server.ts";
import { useLanguageName } from "#app/components/officer-labels.tsx";
import { useFormat } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";
import { AddPhraseSchema, PHRASE_CATEGORIES, PhraseFormSchema } from "#app/validation/admin.ts";
import { isolate } from "#app/utils/text.ts";
import { ScrollRegion } from "#app/components/scroll-region.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [lists, added, t] = await Promise.all([phraseListStatuses(), listAddedPhrases(), getT(request)]);
  return { title: t("admin:phrases.title"), lists, added };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: PhraseFormSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), saved: null }, { status: 400 });
  const input = submission.value;
  if (input.intent === "remove") {
    await removePhrase(admin.id, input.phraseId);
    return { ...submission.reply(), saved: "removed" as const };
  }
  const result = await addPhrase(admin.id, { language: input.language, category: input.category, phrase: input.phrase });
  if (!result.ok) {
    return data({ ...submission.reply({ fieldErrors: { phrase: [`admin:phrases.refused.${result.reason}`] } }), saved: null }, { status: 400 });
  }
  return { ...submission.reply({ resetForm: true }), saved: "added" as const };
}

export default function AdminPhrases() {
  const format = useFormat();
  const languageName = useLanguageName();
  const { lists, added } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "add-phrase",
    lastResult: reply?.saved === "removed" ? undefined : reply,
    defaultValue: { intent: "add" },
    constraint: getZodConstraint(AddPhraseSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddPhraseSchema }),
  });
  return (
    <section className="stack">
      <p>
        <Link to="/admin" className="tap-link">{t("admin:home.back")}</Link>
      </p>
      <h1>{t("admin:phrases.title")}</h1>
      <p>{t("admin:phrases.intro")}</p>
      {reply?.saved ? (
        <p className="notice" role="status">
          {t(`admin:phrases.${reply.saved}`)}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card">
        <h2>{t("admin:phrases.add")}</h2>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="add" />
        <div className="field">
          <label htmlFor={fields.language.id}>{t("admin:phrases.language")}</label>
          <select {...getSelectProps(fields.language)}>
            <option value="">{t("admin:phrases.choose")}</option>
            {lists.map((l) => (
              <option key={l.language} value={l.language}>
                {languageName(l.language)}
              </option>
            ))}
          </select>
          <ErrorList id={fields.language.errorId} errors={fields.language.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.category.id}>{t("admin:phrases.category")}</label>
          <select {...getSelectProps(fields.category)}>
            <option value="">{t("admin:phrases.choose")}</option>
            {PHRASE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`safeguarding:categories.${c}`)}
              </option>
            ))}
          </select>
          <ErrorList id={fields.category.errorId} errors={fields.category.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.phrase.id}>{t("admin:phrases.phrase")}</label>
          <span className="hint" id={`${fields.phrase.id}-hint`}>
            {t("admin:phrases.phraseHint")}
          </span>
          <input {...getInputProps(fields.phrase, { type: "text", ariaDescribedBy: `${fields.phrase.id}-hint` })} dir="auto" autoComplete="off" />
          <ErrorList id={fields.phrase.errorId} errors={fields.phrase.errors} />
        </div>
        <SubmitButton>{t("admin:phrases.addButton")}</SubmitButton>
      </Form>

      <section aria-labelledby="added" className="card">
        <h2 id="added">{t("admin:phrases.addedTitle", { number: added.length })}</h2>
        {added.length === 0 ? (
          <p className="muted">{t("admin:phrases.none")}</p>
        ) : (
          <ul className="list">
            {added.map((p) => (
              <li key={p.id}>
                <bdi lang={p.language}>{p.phrase}</bdi> · {languageName(p.language)} · {t(`safeguarding:categories.${p.category}`, { defaultValue: p.category })} ·{" "}
                <span className="muted">
                  <bdi>{p.addedBy.displayName}</bdi>
                </span>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="phraseId" value={p.id} />
                  <button type="submit" className="link-button">
                    {t("admin:phrases.remove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="built-in" className="card">
        <h2 id="built-in">{t("admin:phrases.builtIn")}</h2>
        <ScrollRegion labelledBy="built-in">
          <table className="board-table">
            <thead>
              <tr>
                <th scope="col">{t("safeguarding:lists.language")}</th>
                <th scope="col">{t("safeguarding:lists.status")}</th>
                <th scope="col">{t("safeguarding:lists.phrases")}</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((l) => (
                <tr key={l.language}>
                  <th scope="row">{languageName(l.language)}</th>
                  <td>{l.status === "checked" ? t("safeguarding:lists.checked", { name: isolate(l.checkedBy ?? ""), date: l.checkedOn ? format.date(l.checkedOn) : "" }) : t("safeguarding:lists.machineDrafted")}</td>
                  <td className="number">{format.number(l.phrases)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </section>
  );
}
