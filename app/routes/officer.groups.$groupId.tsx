import { randomUUID } from "node:crypto";
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { formatCode } from "#app/components/officer-labels.tsx";
import { issueResetCode } from "#app/models/accounts.server.ts";
import { once } from "#app/models/submissions.server.ts";
import {
  createInvite,
  getGroup,
  isActiveMember,
  isMemberOfGroup,
  listInvites,
  listMembers,
  removeMember,
  revokeInvite,
  setAccountNote,
} from "#app/models/groups.server.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { invariantResponse, requireOfficerOfGroup } from "#app/utils/permissions.server.ts";
import {
  CreateInviteSchema,
  endOfUkDay,
  GroupActionSchema,
  INVITE_DEFAULT_DAYS,
  INVITE_DEFAULT_USES,
  INVITE_MAX_DAYS,
  NoteSchema,
  ukDate,
} from "#app/validation/officer.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

type InviteState = "live" | "expired" | "revoked" | "usedUp";

function inviteState(invite: { revokedAt: Date | null; expiresAt: Date; uses: number; maxUses: number }, now: Date): InviteState {
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt <= now) return "expired";
  if (invite.uses >= invite.maxUses) return "usedUp";
  return "live";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const groupId = params.groupId ?? "";
  await requireOfficerOfGroup(request, groupId);
  const [group, members, invites] = await Promise.all([getGroup(groupId), listMembers(groupId), listInvites(groupId)]);
  invariantResponse(group, 404);
  const origin = new URL(request.url).origin;
  const now = new Date();
  return {
    title: group.name,
    submissionKey: randomUUID(),
    group: { id: group.id, name: group.name },
    today: ukDate(),
    defaultExpiry: ukDate(INVITE_DEFAULT_DAYS),
    latestExpiry: ukDate(INVITE_MAX_DAYS),
    members,
    invites: await Promise.all(
      invites.map(async (invite) => {
        const state = inviteState(invite, now);
        const link = `${origin}/join?code=${invite.code}`;
        return {
          id: invite.id,
          code: invite.code,
          state,
          expiresAt: invite.expiresAt,
          uses: invite.uses,
          maxUses: invite.maxUses,
          link: state === "live" ? link : null,
          // Made here, as markup with no script and no style attribute (the CSP allows neither).
          qrSvg: state === "live" ? await QRCode.toString(link, { type: "svg", margin: 2, errorCorrectionLevel: "M" }) : null,
        };
      }),
    ),
  };
}

type Done = "inviteCreated" | "inviteRevoked" | "noteSaved" | "memberRemoved" | "resetCode";

export async function action({ request, params }: ActionFunctionArgs) {
  const groupId = params.groupId ?? "";
  const user = await requireOfficerOfGroup(request, groupId);
  const formData = await request.formData();
  // Many forms on one page: the answer names the one it belongs to.
  const formId = [formData.get("intent"), formData.get("memberId") ?? formData.get("inviteId")].filter(Boolean).join("-");
  const submission = parseWithZod(formData, { schema: GroupActionSchema });
  if (submission.status !== "success") {
    return data({ ...submission.reply(), formId, done: null, resetCode: null }, { status: 400 });
  }
  const input = submission.value;
  const done = (what: Done, resetCode: { memberId: string; code: string } | null = null) => ({
    ...submission.reply({ resetForm: what !== "noteSaved" }),
    formId,
    done: what,
    resetCode,
  });

  switch (input.intent) {
    case "create-invite": {
      await once(user.id, input.submissionKey, async () => {
        const invite = await createInvite(user.id, groupId, { expiresAt: endOfUkDay(input.expiresOn), maxUses: input.maxUses });
        return invite.id;
      });
      return done("inviteCreated");
    }
    case "revoke-invite": {
      if (!(await revokeInvite(user.id, groupId, input.inviteId))) {
        // Already revoked (a second tap) is fine; another group's invite is not this page's.
        invariantResponse((await listInvites(groupId)).some((i) => i.id === input.inviteId), 404);
      }
      return done("inviteRevoked");
    }
    case "note": {
      invariantResponse(await isMemberOfGroup(groupId, input.memberId), 404);
      await setAccountNote(user.id, input.memberId, input.note ?? "");
      return done("noteSaved");
    }
    case "remove": {
      invariantResponse(await isMemberOfGroup(groupId, input.memberId), 404);
      await removeMember(user.id, groupId, input.memberId);
      return done("memberRemoved");
    }
    case "reset-code": {
      // Only someone in the group now: a removed member's account is not this group's to reset.
      invariantResponse(await isActiveMember(input.memberId, groupId), 404);
      const code = await issueResetCode(user.id, input.memberId);
      return done("resetCode", { memberId: input.memberId, code });
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionResult = SubmissionResult<string[]> & { formId: string; done: Done | null; resetCode: { memberId: string; code: string } | null };

export default function OfficerGroup() {
  const { group, members, invites, today, defaultExpiry, latestExpiry, submissionKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const done = actionData?.done;
  const current = members.filter((m) => !m.removedAt);
  const removed = members.filter((m) => m.removedAt);

  return (
    <section className="stack">
      <p>
        <Link to="/officer" className="tap-link">{t("officer:group.back")}</Link>
      </p>
      <h1>
        <bdi>{group.name}</bdi>
      </h1>
      {done && done !== "resetCode" && done !== "noteSaved" ? (
        <p role="status" className="notice">
          {t(`officer:group.done.${done}`)}
        </p>
      ) : null}

      <section aria-labelledby="invites" className="stack">
        <h2 id="invites">{t("officer:invites.title")}</h2>
        <p>{t("officer:invites.intro")}</p>
        <CreateInviteForm
          actionData={actionData?.formId === "create-invite" ? actionData : undefined}
          submissionKey={submissionKey}
          today={today}
          defaultExpiry={defaultExpiry}
          latestExpiry={latestExpiry}
        />
        {invites.length === 0 ? (
          <p className="card">{t("officer:invites.none")}</p>
        ) : (
          <ul className="list">
            {invites.map((invite) => (
              <li key={invite.id}>
                <InviteCard invite={invite} groupName={group.name} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="members" className="stack">
        <h2 id="members">{t("officer:members.title", { number: current.length })}</h2>
        <p className="notice notice-warn">{t("officer:members.noteWho")}</p>
        {current.length === 0 ? (
          <p className="card">{t("officer:members.none")}</p>
        ) : (
          <ul className="list">
            {current.map((member) => (
              <li key={member.id}>
                <MemberCard member={member} actionData={actionData} />
              </li>
            ))}
          </ul>
        )}
        {removed.length > 0 ? (
          <details className="card">
            <summary>{t("officer:members.removedTitle", { number: removed.length })}</summary>
            <ul className="list">
              {removed.map((member) => (
                <li key={member.id}>
                  <MemberCard member={member} actionData={actionData} />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
    </section>
  );
}

function CreateInviteForm({
  actionData,
  submissionKey,
  today,
  defaultExpiry,
  latestExpiry,
}: {
  actionData: ActionResult | undefined;
  submissionKey: string;
  today: string;
  defaultExpiry: string;
  latestExpiry: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "create-invite",
    lastResult: actionData,
    defaultValue: { intent: "create-invite", expiresOn: defaultExpiry, maxUses: String(INVITE_DEFAULT_USES) },
    constraint: getZodConstraint(CreateInviteSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateInviteSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h3>{t("officer:invites.createTitle")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.intent, { type: "hidden" })} />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <div className="officer-inline-fields">
        <div className="field">
          <label htmlFor={fields.expiresOn.id}>{t("officer:invites.expiresOn")}</label>
          <input {...getInputProps(fields.expiresOn, { type: "date" })} min={today} max={latestExpiry} />
          <ErrorList id={fields.expiresOn.errorId} errors={fields.expiresOn.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.maxUses.id}>{t("officer:invites.maxUses")}</label>
          <input {...getInputProps(fields.maxUses, { type: "number" })} inputMode="numeric" />
          <ErrorList id={fields.maxUses.errorId} errors={fields.maxUses.errors} />
        </div>
      </div>
      <SubmitButton>{t("officer:invites.create")}</SubmitButton>
    </Form>
  );
}

function InviteCard({ invite, groupName }: { invite: LoaderData["invites"][number]; groupName: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <article className="card officer-invite" aria-label={t("officer:invites.codeLabel", { code: formatCode(invite.code) })}>
      <p>
        <span className={`badge officer-state-${invite.state}`}>{t(`officer:invites.state.${invite.state}`)}</span>{" "}
        <span className="muted">
          {t("officer:invites.usage", { uses: invite.uses, maxUses: invite.maxUses })}
          {" · "}
          {t(invite.state === "expired" ? "officer:invites.expiredOn" : "officer:invites.expiresOnDate", {
            date: formatDate(invite.expiresAt, true),
          })}
        </span>
      </p>
      {invite.state === "live" ? (
        <>
          <p className="code-display" dir="ltr">
            {formatCode(invite.code)}
          </p>
          <p>
            <span className="officer-label">{t("officer:invites.link")}</span>{" "}
            <a href={invite.link ?? undefined} dir="ltr" className="officer-link">
              {invite.link}
            </a>
          </p>
          {invite.qrSvg ? (
            <div
              className="qr"
              role="img"
              aria-label={t("officer:invites.qrLabel", { group: groupName })}
              // The SVG is made by the qrcode package from our own link on the server.
              dangerouslySetInnerHTML={{ __html: invite.qrSvg }}
            />
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="revoke-invite" />
            <input type="hidden" name="inviteId" value={invite.id} />
            <SubmitButton className="button-secondary">{t("officer:invites.revoke")}</SubmitButton>
          </Form>
        </>
      ) : (
        <p className="muted" dir="ltr">
          {formatCode(invite.code)}
        </p>
      )}
    </article>
  );
}

function MemberCard({ member, actionData }: { member: LoaderData["members"][number]; actionData: ActionResult | undefined }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const noteFormId = `note-${member.id}`;
  const [form, fields] = useForm({
    id: noteFormId,
    lastResult: actionData?.formId === noteFormId ? actionData : undefined,
    defaultValue: { intent: "note", memberId: member.id, note: member.note },
    constraint: getZodConstraint(NoteSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NoteSchema }),
  });
  const resetCode = actionData?.resetCode?.memberId === member.id ? actionData.resetCode.code : null;
  const noteSaved = actionData?.formId === noteFormId && actionData.done === "noteSaved";
  const headingId = `member-${member.id}`;

  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <bdi>{member.nickname}</bdi>
      </h3>
      <dl className="officer-facts">
        <div>
          <dt>{t("officer:members.ageBand")}</dt>
          <dd>{member.ageBand ? t(`auth:ageBands.${member.ageBand}`, { defaultValue: member.ageBand }) : "—"}</dd>
        </div>
        <div>
          <dt>{t("officer:members.joined")}</dt>
          <dd>{formatDate(member.joinedAt)}</dd>
        </div>
        <div>
          <dt>{t("officer:members.status")}</dt>
          <dd>
            {member.removedAt
              ? t("officer:members.removedOn", { date: formatDate(member.removedAt) })
              : t("officer:members.active")}
          </dd>
        </div>
      </dl>

      {resetCode ? (
        <div role="alert" className="notice officer-reset-code">
          <p>{t("officer:members.resetCodeIntro")}</p>
          <p className="code-display" dir="ltr">
            {formatCode(resetCode)}
          </p>
          <p>{t("officer:members.resetCodeHowTo")}</p>
        </div>
      ) : null}

      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.intent, { type: "hidden" })} />
        <input {...getInputProps(fields.memberId, { type: "hidden" })} />
        <div className="field">
          <label htmlFor={fields.note.id}>{t("officer:members.note")}</label>
          <span className="hint" id={`${fields.note.id}-hint`}>
            {t("officer:members.noteHint")}
          </span>
          <textarea
            {...getTextareaProps(fields.note, { ariaDescribedBy: `${fields.note.id}-hint` })}
            dir="auto"
            rows={2}
            className="officer-note"
          />
          <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        {noteSaved ? (
          <p role="status" className="notice">
            {t("officer:group.done.noteSaved")}
          </p>
        ) : null}
        <SubmitButton className="button-secondary">{t("officer:members.saveNote")}</SubmitButton>
      </Form>

      {member.removedAt ? null : (
        <div className="actions officer-member-actions">
          <Form method="post">
            <input type="hidden" name="intent" value="reset-code" />
            <input type="hidden" name="memberId" value={member.id} />
            <SubmitButton className="button-secondary">{t("officer:members.resetCode")}</SubmitButton>
          </Form>
          <details>
            <summary>{t("officer:members.remove")}</summary>
            <Form method="post">
              <p>{t("officer:members.removeConfirm")}</p>
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="memberId" value={member.id} />
              <SubmitButton className="button-danger">{t("officer:members.removeSubmit")}</SubmitButton>
            </Form>
          </details>
        </div>
      )}
    </article>
  );
}
