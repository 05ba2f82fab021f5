import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";

/** An action's answer on a page with several forms: conform's reply, and which form was saved. */
export type AdminReply = SubmissionResult<string[]> & { saved?: string };

/** Names one form of a page: its hidden `intent`, and the row it acts on, if any. */
export function formKey(intent: string, id?: string) {
  return id ? `${intent}:${id}` : intent;
}

/**
 * With several forms on one page, the action's reply belongs to one of them only: the form that
 * was saved, or the one whose hidden fields (intent, userId or groupId) the reply echoes back.
 * Given to every form, a reply would show one row's errors in every row.
 */
export function replyFor(reply: unknown, key: string): AdminReply | undefined {
  if (!reply || typeof reply !== "object") return undefined;
  const result = reply as AdminReply;
  if (result.saved !== undefined) return result.saved === key ? result : undefined;
  const sent = (result.initialValue ?? {}) as Record<string, unknown>;
  const id = sent.userId ?? sent.groupId;
  return formKey(String(sent.intent ?? ""), typeof id === "string" ? id : undefined) === key ? result : undefined;
}

/** "Saved." after a form's action succeeded, announced to screen readers. */
export function SavedNotice({ reply, formKey: key, message }: { reply: AdminReply | undefined; formKey: string; message: string }) {
  const { t } = useTranslation();
  if (reply?.saved !== key) return null;
  return (
    <p role="status" className="notice">
      {t(message)}
    </p>
  );
}
