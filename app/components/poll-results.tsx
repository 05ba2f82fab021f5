import { useTranslation } from "react-i18next";
import type { PollResults } from "#app/models/polls.server.ts";
import type { ShownValue } from "#app/models/suppression.server.ts";
import { useFormat } from "#app/utils/format.ts";
import { ScrollRegion } from "#app/components/scroll-region.tsx";

function Shown({ value, k }: { value: ShownValue; k: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (value.kind === "exact") return <>{format.number(value.value)}</>;
  return <>{value.kind === "suppressed" ? t("polls:results.fewerThan", { k: format.number(k) }) : t("polls:results.withheld")}</>;
}

/**
 * A poll's results as tables, one per question. The officers' console gives it exact numbers
 * (pollResults' "exact" audience); nothing here computes a number of its own.
 */
export function PollResultTables({ results, idPrefix }: { results: PollResults; idPrefix: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ol className="list poll-results">
      {results.questions.map((question, index) => {
        const captionId = `${idPrefix}-q${index}`;
        return (
          <li key={question.questionId}>
            {question.kind === "text" ? (
              <div>
                <h3 className="poll-results-prompt" id={captionId}>
                  <span className="muted">{t("polls:results.questionNumber", { number: index + 1 })}</span>{" "}
                  <bdi>{question.prompt}</bdi>
                </h3>
                <p>
                  {t("polls:results.answered")}: <Shown value={question.voters} k={results.threshold} />
                </p>
                <p className="hint">{t("polls:results.textAnswers")}</p>
              </div>
            ) : (
              <ScrollRegion labelledBy={captionId}>
                <table className="board-table">
                  <caption className="poll-results-prompt" id={captionId}>
                    <span className="muted">{t("polls:results.questionNumber", { number: index + 1 })}</span>{" "}
                    <bdi>{question.prompt}</bdi>
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{question.kind === "scale" ? t("polls:results.point") : t("polls:results.option")}</th>
                      <th scope="col" className="number">
                        {question.kind === "ranking" ? t("polls:results.points") : t("polls:results.chosen")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {question.options.map((option) => (
                      <tr key={option.optionId}>
                        <th scope="row">
                          {option.value !== null ? <span className="muted">{format.number(option.value)} · </span> : null}
                          <bdi>{option.label}</bdi>
                        </th>
                        <td className="number">
                          {/* Every voter ranks every option: a ranking's count is its voters, its points say more. */}
                          <Shown value={question.kind === "ranking" && option.points ? option.points : option.shown} k={results.threshold} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t("polls:results.answered")}</th>
                      <td className="number">
                        <Shown value={question.voters} k={results.threshold} />
                      </td>
                    </tr>
                  </tfoot>
                </table>
                {question.kind === "ranking" ? <p className="hint">{t("polls:results.pointsHint")}</p> : null}
                {question.kind === "multiple" ? <p className="hint">{t("polls:results.multipleHint")}</p> : null}
              </ScrollRegion>
            )}
          </li>
        );
      })}
    </ol>
  );
}
