import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getBoardPollResults, toCsv } from "#app/models/poll-board.server.ts";
import type { ShownValue } from "#app/models/suppression.server.ts";
import { cldrLanguageNames } from "#app/utils/cldr-language-names.ts";
import { getLocale, getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";

const Params = z.object({ pollId: z.string().min(1).max(64) });

/**
 * A closed poll's results as CSV for the board: the same suppressed values as the page, one row per
 * question × answer × (all groups, then each group). Every field is quoted and defused against
 * spreadsheet formulas (csvField), and the file starts with a byte-order mark so that Excel reads
 * it as UTF-8.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "board_member");
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  const locale = await getLocale(request);
  const [poll, t] = await Promise.all([getBoardPollResults(parsed.data.pollId, locale), getT(request)]);
  // Languages named in the reader's language, as on the page.
  const languageName = (code: string) => (cldrLanguageNames[locale] as Record<string, string>)[code] ?? code;
  invariantResponse(poll, 404);

  const shown = (value: ShownValue | undefined) =>
    !value || value.kind === "withheld"
      ? t("board:feedback.withheld")
      : value.kind === "suppressed"
        ? t("board:feedback.fewerThan", { k: poll.threshold })
        : value.value;

  const rows: (string | number)[][] = [
    [
      t("boardPolls:csv.poll"),
      t("boardPolls:csv.questionNumber"),
      t("boardPolls:csv.question"),
      t("boardPolls:csv.kind"),
      t("boardPolls:csv.shownIn"),
      t("boardPolls:csv.option"),
      t("boardPolls:csv.group"),
      t("boardPolls:csv.count"),
      t("boardPolls:csv.points"),
      t("boardPolls:csv.voters"),
    ],
  ];
  poll.questions.forEach((question, index) => {
    if (!question.results) return;
    const ranking = question.kind === "ranking";
    const scopes = [
      { name: t("boardPolls:csv.allGroups"), row: question.results.overall },
      // Group by group only when the whole poll's breakdown hides nothing (poll-board.server.ts).
      ...(poll.breakdown ? poll.groups.map((g, i) => ({ name: g.name, row: question.results!.groups[i]! })) : []),
    ];
    question.options.forEach((option, o) => {
      for (const scope of scopes) {
        const cell = scope.row.options[o];
        rows.push([
          poll.englishTitle,
          index + 1,
          question.prompt,
          t(`boardPolls:kinds.${question.kind}`),
          question.languages.map((code) => languageName(code)).join("; "),
          option.label,
          scope.name,
          // A ranking puts every answer in every place: its points say how it was ranked.
          ranking ? "" : shown(cell?.shown),
          ranking ? shown(cell?.points) : "",
          shown(scope.row.voters),
        ]);
      }
    });
  });

  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="poll-results-${poll.id}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
