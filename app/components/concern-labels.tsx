import { useTranslation } from "react-i18next";

/** A concern's state: waiting for a lead (escalated or not), in hand, closed. */
export function ConcernBadge({ status, escalated }: { status: string; escalated: boolean }) {
  const { t } = useTranslation();
  if (status === "open") {
    return <span className="badge badge-overdue">{escalated ? t("safeguarding:status.escalated") : t("safeguarding:status.open")}</span>;
  }
  return <span className={`badge ${status === "closed" ? "badge-done" : "badge-in_progress"}`}>{t(`safeguarding:status.${status}`)}</span>;
}
