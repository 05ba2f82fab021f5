import type { LoaderFunctionArgs } from "@remix-run/node";
import { boardDashboard } from "#app/models/board-dashboard.server.ts";
import { toCsv } from "#app/models/poll-board.server.ts";
import type { ShownValue } from "#app/models/suppression.server.ts";
import { getLocale, getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import { parseDashboardQuery } from "#app/validation/board.ts";

/**
 * The dashboard's feedback numbers as CSV for a meeting date: the same suppressed values as the
 * page (one row per table × row × month, then the row's total), defused against spreadsheet
 * formulas by toCsv. Nothing here computes a number: it writes out what boardDashboard() let out.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "board_member");
  const query = parseDashboardQuery(new URL(request.url));
  invariantResponse(query.ok, 400, query.ok ? undefined : query.message);
  const [{ feedback, date }, t] = await Promise.all([boardDashboard(query.date, await getLocale(request)), getT(request)]);
  const shown = (value: ShownValue) =>
    value.kind === "withheld" ? t("board:feedback.withheld") : value.kind === "suppressed" ? t("board:feedback.fewerThan", { k: feedback.threshold }) : value.value;
  const allMonths = t("dashboard:feedback.allMonths");
  const rows: (string | number)[][] = [[t("dashboard:csv.table"), t("dashboard:csv.row"), t("dashboard:feedback.month"), t("dashboard:feedback.items")]];
  const add = (table: string, label: string, cells: ShownValue[], total: ShownValue) => {
    cells.forEach((cell, i) => rows.push([table, label, feedback.months[i]!.key, shown(cell)]));
    rows.push([table, label, allMonths, shown(total)]);
  };
  const themeName = (row: { themeKey: string | null; name: string | null }) =>
    row.themeKey ? t(`common:themes.${row.themeKey}`, { defaultValue: row.name ?? row.themeKey }) : t("board:feedback.noTheme");
  for (const row of feedback.themes) add(t("dashboard:feedback.byTheme"), themeName(row), row.cells, row.total);
  for (const row of feedback.groups) add(t("dashboard:feedback.byGroup"), row.name, row.cells, row.total);
  for (const row of feedback.moods) add(t("dashboard:feedback.byMood"), row.mood === null ? t("dashboard:feedback.noMood") : t("dashboard:feedback.mood", { mood: row.mood }), row.cells, row.total);
  add(t("dashboard:feedback.monthsCaption"), t("dashboard:csv.allItems"), feedback.columnTotals, feedback.grandTotal);
  feedback.moodMeans.forEach((mean, i) => rows.push([t("dashboard:feedback.meanMood"), t("dashboard:csv.allItems"), feedback.months[i]!.key, shown(mean)]));
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="board-feedback-${date}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
