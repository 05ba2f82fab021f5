import { useTranslation } from "react-i18next";

export const POLL_STATES = ["draft", "scheduled", "open", "closed"] as const;
export type PollState = (typeof POLL_STATES)[number];

/**
 * Where a poll is in its life, from its status and the model's isOpen/isClosed (decided on the
 * server, at the loader's clock): a draft nobody sees, scheduled (open, from a time still to come),
 * open, or closed (by hand, or at its closing time).
 */
export function pollState(poll: { status: string }, open: boolean, closed: boolean): PollState {
  if (poll.status === "draft") return "draft";
  if (closed) return "closed";
  if (open) return "open";
  return "scheduled";
}

export function PollStateBadge({ state }: { state: PollState }) {
  const { t } = useTranslation();
  return <span className={`badge poll-state-${state}`}>{t(`polls:states.${state}`)}</span>;
}
