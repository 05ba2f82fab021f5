/**
 * Every kind of entry the audit log holds, and every kind of record one is about. The admin's log
 * names each in the reader's language (admin:audit.actions.* and admin:audit.entities.*, checked
 * for every code by tests/locales.test.ts), beside the code itself, which the filter matches.
 */
export const AUDIT_ACTIONS = [
  "ask.raise",
  "ask.plan",
  "ask.acknowledge",
  "ask.update",
  "ask.translate",
  "concern.screened",
  "concern.escalated_by_officer",
  "concern.opened_by_officer",
  "concern.acknowledge",
  "concern.message",
  "concern.young_person_reply",
  "concern.escalation",
  "concern.reveal_author",
  "concern.action.spoke_with_young_person",
  "concern.action.referred_social_care",
  "concern.action.passed_to_social_worker",
  "concern.action.not_a_concern",
  "concern.action.no_further_action",
  "concern.action.note",
  "feedback.approve",
  "feedback.hold",
  "group.create",
  "group.officers",
  "invite.create",
  "invite.revoke",
  "member.reset_code",
  "member.remove",
  "note.create",
  "note.update",
  "organisation.settings",
  "organisation.mail_settings",
  "poll.create",
  "poll.update",
  "poll.translate",
  "poll.open",
  "poll.closed",
  "poll.reveal",
  "poll.hide",
  "redaction.term_add",
  "redaction.term_remove",
  "screening.phrase_add",
  "screening.phrase_remove",
  "staff.create",
  "staff.roles",
  "staff.disable",
  "staff.enable",
  "translation.check",
  "translation.uncheck",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = [
  "Ask",
  "AskTranslation",
  "AskUpdate",
  "AskUpdateTranslation",
  "FeedbackItem",
  "Group",
  "InviteCode",
  "Membership",
  "Organisation",
  "Poll",
  "PollTranslation",
  "RedactionTerm",
  "SafeguardingConcern",
  "SafeguardingPhrase",
  "User",
] as const;

export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** The locale key of a code ("concern.reveal_author" → "concern_reveal_author"), or null for one not listed. */
export function auditActionKey(action: string) {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? action.replace(/\./g, "_") : null;
}

export function auditEntityKey(type: string) {
  return (AUDIT_ENTITY_TYPES as readonly string[]).includes(type) ? type : null;
}
