import { useTranslation } from "react-i18next";
import { useBoardFormat } from "#app/components/board-format.tsx";

export { isOverdue } from "#app/utils/asks.ts";

/** An ask's status, and whether it is overdue, as badges. */
export function AskBadges({ status, overdue }: { status: string; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <p className="actions">
      <span className={`badge badge-${status}`}>{t(`board:askStatus.${status}`)}</span>
      {overdue ? <span className="badge badge-overdue">{t("board:asks.overdue")}</span> : null}
    </p>
  );
}

/** When an ask was raised, when it is due and who owns it. */
export function AskFacts({ raisedAt, dueAt, owner }: { raisedAt: Date | string; dueAt: Date | string | null; owner: string | null }) {
  const { t } = useTranslation();
  const format = useBoardFormat();
  return (
    <dl className="board-facts">
      <div>
        <dt>{t("board:asks.raised")}</dt>
        <dd>{format.date(raisedAt)}</dd>
      </div>
      <div>
        <dt>{t("board:asks.due")}</dt>
        <dd>{dueAt ? format.date(dueAt) : t("board:asks.noDueDate")}</dd>
      </div>
      <div>
        <dt>{t("board:asks.owner")}</dt>
        <dd>{owner ? <bdi>{owner}</bdi> : t("board:asks.noOwner")}</dd>
      </div>
    </dl>
  );
}
