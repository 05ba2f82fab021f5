import { getCollectionProps, getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formKey, replyFor, SavedNotice } from "#app/components/admin-forms.tsx";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { listStaff } from "#app/models/accounts.server.ts";
import { createGroup, getGroup, listAllGroups, setGroupOfficers } from "#app/models/groups.server.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { CreateGroupSchema, GroupOfficersSchema } from "#app/validation/admin.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [groups, staff, t] = await Promise.all([listAllGroups(), listStaff(), getT(request)]);
  return {
    title: t("admin:groups.title"),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      description: g.description,
      archived: g.archivedAt !== null,
      officerIds: g.officers.map((o) => o.user.id),
    })),
    // Only staff holding the officer role can run a group (setGroupOfficers drops anyone else).
    officers: staff
      .filter((s) => s.roles.some((r) => r.role === "officer"))
      .map((s) => ({ id: s.id, name: s.displayName, disabled: s.disabledAt !== null })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "create-group") return addGroup(admin, formData);
  if (intent === "set-officers") return changeOfficers(admin, formData);
  invariantResponse(false, 400);
}

async function addGroup(admin: SessionUser, formData: FormData) {
  const submission = parseWithZod(formData, { schema: CreateGroupSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await createGroup(admin.id, { name: submission.value.name, description: submission.value.description });
  return { ...submission.reply({ resetForm: true }), saved: formKey("create-group") };
}

async function changeOfficers(admin: SessionUser, formData: FormData) {
  const submission = parseWithZod(formData, { schema: GroupOfficersSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const group = await getGroup(submission.value.groupId);
  invariantResponse(group, 404);
  await setGroupOfficers(admin.id, group.id, submission.value.officerIds);
  return { ...submission.reply(), saved: formKey("set-officers", group.id) };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AdminGroups() {
  const { groups, officers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <p>
        <Link to="/admin" className="tap-link">{t("admin:home.back")}</Link>
      </p>
      <h1>{t("admin:groups.title")}</h1>
      <CreateGroupForm />
      <section aria-labelledby="group-list-title" className="stack">
        <h2 id="group-list-title">{t("admin:groups.listTitle")}</h2>
        {groups.length === 0 ? <p>{t("admin:groups.none")}</p> : null}
        {officers.length === 0 ? <p className="notice notice-warn">{t("admin:groups.noOfficers")}</p> : null}
        <ul className="list">
          {groups.map((group) => (
            <GroupRow key={group.id} group={group} officers={officers} />
          ))}
        </ul>
      </section>
    </section>
  );
}

function CreateGroupForm() {
  const key = formKey("create-group");
  const reply = replyFor(useActionData<typeof action>(), key);
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "create-group",
    lastResult: reply,
    constraint: getZodConstraint(CreateGroupSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateGroupSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h2>{t("admin:groups.createTitle")}</h2>
      <SavedNotice reply={reply} formKey={key} message="admin:groups.created" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="create-group" />
      <div className="field">
        <label htmlFor={fields.name.id}>{t("admin:groups.name")}</label>
        <span className="hint" id={`${fields.name.id}-hint`}>
          {t("admin:groups.nameHint")}
        </span>
        <input
          {...getInputProps(fields.name, { type: "text", ariaDescribedBy: `${fields.name.id}-hint` })}
          autoComplete="off"
          dir="auto"
        />
        <ErrorList id={fields.name.errorId} errors={fields.name.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.description.id}>{t("admin:groups.description")}</label>
        <span className="hint" id={`${fields.description.id}-hint`}>
          {t("admin:groups.descriptionHint")}
        </span>
        <textarea
          {...getTextareaProps(fields.description, { ariaDescribedBy: `${fields.description.id}-hint` })}
          dir="auto"
        />
        <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
      </div>
      <SubmitButton>{t("admin:groups.create")}</SubmitButton>
    </Form>
  );
}

function GroupRow({ group, officers }: { group: LoaderData["groups"][number]; officers: LoaderData["officers"] }) {
  const key = formKey("set-officers", group.id);
  const reply = replyFor(useActionData<typeof action>(), key);
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `officers-${group.id}`,
    lastResult: reply,
    defaultValue: { officerIds: group.officerIds },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GroupOfficersSchema }),
  });
  const headingId = `group-${group.id}`;
  const choices = getCollectionProps(fields.officerIds, { type: "checkbox", options: officers.map((o) => o.id) });
  return (
    <li className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <bdi>{group.name}</bdi>{" "}
        {group.archived ? <span className="badge">{t("admin:groups.archived")}</span> : null}
      </h3>
      {group.description ? (
        <p className="muted" dir="auto">
          {group.description}
        </p>
      ) : null}
      {officers.length > 0 ? (
        <Form method="post" {...getFormProps(form)}>
          <SavedNotice reply={reply} formKey={key} message="admin:groups.officersSaved" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="set-officers" />
          <input type="hidden" name="groupId" value={group.id} />
          <fieldset>
            <legend>{t("admin:groups.officersOf", { name: group.name })}</legend>
            <div className="admin-choices">
              {choices.map(({ key: choiceKey, ...input }) => {
                const officer = officers.find((o) => o.id === input.value);
                return (
                  <label key={choiceKey} className="choice" htmlFor={input.id}>
                    <input {...input} />
                    <span>
                      <bdi>{officer?.name}</bdi>
                      {officer?.disabled ? <span className="muted"> {t("admin:groups.officerDisabled")}</span> : null}
                    </span>
                  </label>
                );
              })}
            </div>
            <ErrorList id={fields.officerIds.errorId} errors={fields.officerIds.errors} />
          </fieldset>
          <SubmitButton className="button-secondary">{t("admin:groups.saveOfficers")}</SubmitButton>
        </Form>
      ) : null}
    </li>
  );
}
