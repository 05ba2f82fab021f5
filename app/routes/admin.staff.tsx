import { getCollectionProps, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formKey, replyFor, SavedNotice } from "#app/components/admin-forms.tsx";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import {
  createStaffAccount,
  getStaffMember,
  listStaff,
  setStaffDisabled,
  setStaffRoles,
} from "#app/models/accounts.server.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { CreateStaffSchema, STAFF_ROLE_OPTIONS, StaffRolesSchema, StaffStateSchema } from "#app/validation/admin.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [staff, t] = await Promise.all([listStaff(), getT(request)]);
  return {
    title: t("admin:staff.title"),
    myId: admin.id,
    staff: staff.map((s) => ({
      id: s.id,
      name: s.displayName,
      email: s.email ?? "",
      disabled: s.disabledAt !== null,
      roles: s.roles.map((r) => r.role),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "create-staff") return createStaff(admin, formData);
  if (intent === "set-roles") return changeRoles(admin, formData);
  if (intent === "set-disabled") return changeState(admin, formData);
  invariantResponse(false, 400);
}

async function createStaff(admin: SessionUser, formData: FormData) {
  const submission = parseWithZod(formData, { schema: CreateStaffSchema });
  const hideFields = ["password"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const { name, email, password, roles } = submission.value;
  const created = await createStaffAccount(admin.id, { name, email, password, roles });
  if (!created.ok) {
    return data(submission.reply({ fieldErrors: { email: [`admin:errors.${created.error}`] }, hideFields }), { status: 400 });
  }
  return { ...submission.reply({ resetForm: true }), saved: formKey("create-staff") };
}

async function changeRoles(admin: SessionUser, formData: FormData) {
  const submission = parseWithZod(formData, { schema: StaffRolesSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const target = await getStaffMember(submission.value.userId);
  invariantResponse(target, 404);
  // Nobody can lock the organisation out of its own admin screens by a slip of the mouse.
  if (target.id === admin.id && !submission.value.roles.includes("admin")) {
    return data(submission.reply({ formErrors: ["admin:errors.cannotRemoveOwnAdmin"] }), { status: 400 });
  }
  await setStaffRoles(admin.id, target.id, submission.value.roles);
  return { ...submission.reply(), saved: formKey("set-roles", target.id) };
}

async function changeState(admin: SessionUser, formData: FormData) {
  const submission = parseWithZod(formData, { schema: StaffStateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const target = await getStaffMember(submission.value.userId);
  invariantResponse(target, 404);
  if (target.id === admin.id && submission.value.disabled) {
    return data(submission.reply({ formErrors: ["admin:errors.cannotDisableSelf"] }), { status: 400 });
  }
  if (target.disabled !== submission.value.disabled) {
    await setStaffDisabled(admin.id, target.id, submission.value.disabled);
  }
  return { ...submission.reply(), saved: formKey("set-disabled", target.id) };
}

type StaffMember = ReturnType<typeof useLoaderData<typeof loader>>["staff"][number];

export default function AdminStaff() {
  const { staff, myId } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <p>
        <Link to="/admin" className="tap-link">{t("admin:home.back")}</Link>
      </p>
      <h1>{t("admin:staff.title")}</h1>
      <CreateStaffForm />
      <section aria-labelledby="staff-list-title" className="stack">
        <h2 id="staff-list-title">{t("admin:staff.listTitle")}</h2>
        {staff.length === 0 ? <p>{t("admin:staff.none")}</p> : null}
        <ul className="list">
          {staff.map((member) => (
            <StaffRow key={member.id} member={member} isMe={member.id === myId} />
          ))}
        </ul>
      </section>
    </section>
  );
}

function RoleChoices({ props, errorId, errors, legend, hint }: {
  props: ReturnType<typeof getCollectionProps>;
  errorId: string;
  errors: string[] | undefined;
  legend: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const hintId = `${errorId}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ");
  return (
    <fieldset aria-describedby={describedBy || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <div className="admin-choices">
        {props.map(({ key, ...input }) => (
          <label key={key} className="choice" htmlFor={input.id}>
            <input {...input} />
            {t(`admin:roles.${input.value}`)}
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

function CreateStaffForm() {
  const reply = replyFor(useActionData<typeof action>(), formKey("create-staff"));
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "create-staff",
    lastResult: reply,
    constraint: getZodConstraint(CreateStaffSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateStaffSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h2>{t("admin:staff.createTitle")}</h2>
      <SavedNotice reply={reply} formKey={formKey("create-staff")} message="admin:staff.created" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="create-staff" />
      <div className="field">
        <label htmlFor={fields.name.id}>{t("admin:staff.name")}</label>
        <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" dir="auto" />
        <ErrorList id={fields.name.errorId} errors={fields.name.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.email.id}>{t("admin:staff.email")}</label>
        <span className="hint" id={`${fields.email.id}-hint`}>
          {t("admin:staff.emailHint")}
        </span>
        <input
          {...getInputProps(fields.email, { type: "email", ariaDescribedBy: `${fields.email.id}-hint` })}
          autoComplete="off"
          dir="ltr"
        />
        <ErrorList id={fields.email.errorId} errors={fields.email.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.password.id}>{t("admin:staff.password")}</label>
        <span className="hint" id={`${fields.password.id}-hint`}>
          {t("admin:staff.passwordHint")}
        </span>
        <input
          {...getInputProps(fields.password, { type: "password", ariaDescribedBy: `${fields.password.id}-hint` })}
          autoComplete="new-password"
        />
        <ErrorList id={fields.password.errorId} errors={fields.password.errors} />
      </div>
      <RoleChoices
        legend={t("admin:staff.roles")}
        hint={t("admin:staff.rolesHint")}
        props={getCollectionProps(fields.roles, { type: "checkbox", options: [...STAFF_ROLE_OPTIONS] })}
        errorId={fields.roles.errorId}
        errors={fields.roles.errors}
      />
      <SubmitButton>{t("admin:staff.create")}</SubmitButton>
    </Form>
  );
}

function StaffRow({ member, isMe }: { member: StaffMember; isMe: boolean }) {
  const { t } = useTranslation();
  const headingId = `staff-${member.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <bdi>{member.name}</bdi>
        {isMe ? <span className="muted"> {t("admin:staff.you")}</span> : null}
      </h3>
      <p className="admin-meta">
        <bdi dir="ltr">{member.email}</bdi>{" "}
        <span className={member.disabled ? "badge badge-held" : "badge badge-approved"}>
          {member.disabled ? t("admin:staff.disabled") : t("admin:staff.active")}
        </span>
      </p>
      {isMe ? <p className="hint">{t("admin:staff.selfHint")}</p> : null}
      <RolesForm member={member} />
      <StateForm member={member} isMe={isMe} />
    </li>
  );
}

function RolesForm({ member }: { member: StaffMember }) {
  const key = formKey("set-roles", member.id);
  const reply = replyFor(useActionData<typeof action>(), key);
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `roles-${member.id}`,
    lastResult: reply,
    defaultValue: { roles: member.roles },
    constraint: getZodConstraint(StaffRolesSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StaffRolesSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <SavedNotice reply={reply} formKey={key} message="admin:staff.rolesSaved" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="set-roles" />
      <input type="hidden" name="userId" value={member.id} />
      <RoleChoices
        legend={t("admin:staff.rolesOf", { name: member.name })}
        props={getCollectionProps(fields.roles, { type: "checkbox", options: [...STAFF_ROLE_OPTIONS] })}
        errorId={fields.roles.errorId}
        errors={fields.roles.errors}
      />
      <SubmitButton className="button-secondary">{t("admin:staff.saveRoles")}</SubmitButton>
    </Form>
  );
}

function StateForm({ member, isMe }: { member: StaffMember; isMe: boolean }) {
  const key = formKey("set-disabled", member.id);
  const reply = replyFor(useActionData<typeof action>(), key);
  const { t } = useTranslation();
  const errors = reply?.error?.[""] ?? null;
  // The server refuses it anyway; not offering it is kinder.
  if (isMe) return null;
  return (
    <Form method="post" className="admin-state">
      <FormErrors errors={errors} />
      {member.disabled ? null : <p className="hint">{t("admin:staff.stateHint")}</p>}
      <input type="hidden" name="intent" value="set-disabled" />
      <input type="hidden" name="userId" value={member.id} />
      <input type="hidden" name="disabled" value={member.disabled ? "false" : "true"} />
      <SubmitButton className={member.disabled ? "button-secondary" : "button-danger"}>
        {member.disabled ? t("admin:staff.enable", { name: member.name }) : t("admin:staff.disable", { name: member.name })}
      </SubmitButton>
    </Form>
  );
}
