import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import {
  acknowledgeAsk,
  addAskUpdate,
  AskInputError,
  askTranslationFingerprint,
  getAskForStaff,
  listPossibleOwners,
  setAskOwnerAndDue,
  setAskTranslation,
  setAskTranslationChecked,
  setUpdateTranslation,
  setUpdateTranslationChecked,
  staffNames,
  updateTranslationFingerprint,
} from "#app/models/asks.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { once } from "#app/models/submissions.server.ts";
import { isOverdue } from "#app/utils/asks.ts";
import { hasRole, invariantResponse } from "#app/utils/permissions.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { AskActionSchema, endOfUkDay, ukDate } from "#app/validation/officer.ts";

/**
 * What an ask's staff page shows, for the officers' and the board's page alike: the adults' work on
 * the ask — no items, no young person's name or words, no count of who contributed. Each field is
 * copied by name so that a wider model query cannot leak through.
 */
export async function askPageData(askId: string, user: SessionUser) {
  const [ask, org, owners] = await Promise.all([getAskForStaff(askId), getOrganisation(), listPossibleOwners()]);
  invariantResponse(ask, 404);
  const checkers = [...ask.translations, ...ask.updates.flatMap((u) => u.translations)].flatMap((t) => (t.checkedById ? [t.checkedById] : []));
  const names = await staffNames(checkers);
  const checkedMark = (tr: { checkedAt: Date | null; checkedById: string | null }) =>
    tr.checkedAt ? { at: tr.checkedAt, by: (tr.checkedById && names.get(tr.checkedById)) ?? null } : null;
  return {
    submissionKey: randomUUID(),
    today: ukDate(),
    /** Marks translations checked: translators only. */
    canTranslate: hasRole(user, "translator"),
    /** Adds and corrects translations (of the ask and of its updates): officers and translators. */
    canEditTranslations: hasRole(user, "officer", "translator"),
    canAcknowledge: hasRole(user, "board_member"),
    owners: owners.map((o) => ({ id: o.id, name: o.displayName })),
    ask: {
      id: ask.id,
      title: ask.title,
      body: ask.body,
      status: ask.status,
      raisedAt: ask.raisedAt,
      dueAt: ask.dueAt,
      dueOn: ask.dueAt ? ukDate(0, ask.dueAt) : "",
      version: ask.version,
      ownerId: ask.ownerId,
      owner: ask.owner?.displayName ?? null,
      overdue: isOverdue({ ...ask, answered: ask.answeredAt !== null }, org.overdueAfterDays, new Date()),
      acknowledgedByMe: ask.acknowledgements.some((a) => a.userId === user.id),
      acknowledgements: ask.acknowledgements.map((a) => ({ name: a.user.displayName, at: a.acknowledgedAt })),
      polls: ask.polls.map((p) => ({ id: p.id, title: p.title })),
      translations: ask.translations.map((tr) => ({
        locale: tr.locale,
        title: tr.title,
        body: tr.body,
        checked: checkedMark(tr),
        /** What the check button posts back: the mark is set only on these words. */
        seen: askTranslationFingerprint(ask, tr),
      })),
      updates: ask.updates.map((u) => ({
        id: u.id,
        status: u.status,
        text: u.text,
        reason: u.reason,
        createdAt: u.createdAt,
        author: u.author.displayName,
        translations: u.translations.map((tr) => ({
          locale: tr.locale,
          text: tr.text,
          reason: tr.reason,
          checked: checkedMark(tr),
          /** What the check button posts back: the mark is set only on these words. */
          seen: updateTranslationFingerprint(u, tr),
        })),
      })),
    },
  };
}

const ERROR_FIELD = {
  ownerNotStaff: "ownerId",
  reasonRequired: "reason",
  changedMeanwhile: "",
} as const;

/**
 * The actions of an ask's staff page: post an update (officers and board members), set owner and
 * due date (the same), acknowledge (board members), translate an update or the ask's own title and
 * body (officers and translators) and mark a translation checked (translators only). Each answers
 * with the form's own errors and what was typed; the ask's translations also say which ask and
 * language's form sent them (`askId`, `locale`), since a page holds one form per language. The route gates by role
 * first; this checks each intent's own role.
 */
export async function askPageAction(request: Request, user: SessionUser, askId: string) {
  const formData = await request.formData();
  // A form from before intents existed (an old page still open) is an update.
  if (!formData.has("intent")) formData.set("intent", "update");
  const submission = parseWithZod(formData, { schema: AskActionSchema });
  if (submission.status !== "success") {
    const locale = typeof submission.payload.locale === "string" ? submission.payload.locale : undefined;
    return data({ ...submission.reply(), intent: String(submission.payload.intent ?? "update"), locale, askId }, { status: 400 });
  }
  const value = submission.value;
  const allowed =
    value.intent === "acknowledge"
      ? hasRole(user, "board_member")
      : value.intent === "check-translation" || value.intent === "check-ask-translation"
        ? hasRole(user, "translator")
        : value.intent === "translate" || value.intent === "translate-ask"
          ? hasRole(user, "officer", "translator")
          : hasRole(user, "officer", "board_member");
  invariantResponse(allowed, 403);
  try {
    if (value.intent === "update") {
      await once(user.id, value.submissionKey, async () => {
        const translations = Object.fromEntries(Object.entries(value.translations ?? {}).flatMap(([k, v]) => (v ? [[k, v]] : [])));
        return (await addAskUpdate(user.id, askId, { status: value.status, text: value.text, reason: value.reason, translations })).id;
      });
      return { ...submission.reply({ resetForm: true }), intent: value.intent, done: true };
    }
    if (value.intent === "plan") {
      await setAskOwnerAndDue(user.id, askId, { ownerId: value.ownerId ?? null, dueAt: value.dueOn ? endOfUkDay(value.dueOn) : null, version: value.version });
    } else if (value.intent === "acknowledge") {
      await acknowledgeAsk(user.id, askId);
    } else if (value.intent === "translate") {
      await assertUpdateOfAsk(askId, value.updateId);
      await setUpdateTranslation(user.id, value.updateId, value.locale, value.text, value.reason);
    } else if (value.intent === "check-translation") {
      await assertUpdateOfAsk(askId, value.updateId);
      await setUpdateTranslationChecked(user.id, value.updateId, value.locale, value.checked === "yes", value.seen);
    } else if (value.intent === "translate-ask") {
      await setAskTranslation(user.id, askId, value.locale, { title: value.title, body: value.body });
      return { ...submission.reply(), intent: value.intent, locale: value.locale, askId, done: true };
    } else {
      await setAskTranslationChecked(user.id, askId, value.locale, value.checked === "yes", value.seen);
      return { ...submission.reply(), intent: value.intent, locale: value.locale, askId, done: true };
    }
    return { ...submission.reply(), intent: value.intent, done: true };
  } catch (error) {
    if (!(error instanceof AskInputError)) throw error;
    invariantResponse(error.reason !== "notFound", 404);
    if (error.reason === "translationIncomplete" && value.intent === "translate") {
      // A reason typed without the text it explains: the message goes beside the empty text.
      return data({ ...submission.reply({ fieldErrors: { text: ["officer:errors.reasonNeedsText"] } }), intent: value.intent }, { status: 400 });
    }
    if (value.intent === "check-translation") {
      // Said beside the button of the translation concerned.
      const message = error.reason === "translationIncomplete" ? "officer:errors.reasonNotTranslated" : `officer:errors.${error.reason}`;
      return data(
        { ...submission.reply({ formErrors: [message] }), intent: value.intent, updateId: value.updateId, locale: value.locale },
        { status: error.reason === "changedMeanwhile" ? 409 : 400 },
      );
    }
    if (error.reason === "translationIncomplete" && value.intent === "translate-ask") {
      // The error goes beside the field left empty.
      const reply = submission.reply({ fieldErrors: { [value.title ? "body" : "title"]: ["officer:errors.translationIncomplete"] } });
      return data({ ...reply, intent: value.intent, locale: value.locale, askId }, { status: 400 });
    }
    const field = ERROR_FIELD[error.reason as keyof typeof ERROR_FIELD];
    const message = error.reason === "reasonRequired" ? "officer:errors.statusBackNeedsReason" : `officer:errors.${error.reason}`;
    const reply = field ? submission.reply({ fieldErrors: { [field]: [message] } }) : submission.reply({ formErrors: [message] });
    const target = value.intent === "check-ask-translation" ? { locale: value.locale, askId } : {};
    return data({ ...reply, intent: value.intent, ...target }, { status: error.reason === "changedMeanwhile" ? 409 : 400 });
  }
}

async function assertUpdateOfAsk(askId: string, updateId: string) {
  const ask = await getAskForStaff(askId);
  invariantResponse(ask?.updates.some((u) => u.id === updateId), 404);
}
