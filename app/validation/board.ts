import { z } from "zod";

/**
 * The board dashboard's and pack's query string: an optional meeting date (YYYY-MM-DD, a real
 * day between 2000 and a year from now) and nothing else. A breakdown the dashboard does not
 * offer (a group, a language, an age band, a week) is refused rather than ignored, so that a
 * hand-made URL never looks like it worked.
 */
export const DashboardQuery = z
  .object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "dashboard:errors.badDate")
      .refine((value) => {
        const d = new Date(`${value}T12:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
      }, "dashboard:errors.badDate")
      .refine((value) => value >= "2000-01-01" && new Date(`${value}T00:00:00Z`).getTime() <= Date.now() + 366 * 86_400_000, "dashboard:errors.dateRange")
      .optional(),
  })
  .strict();

/** Parses the query of a URL: the data, or the message key of the first problem. */
export function parseDashboardQuery(url: URL): { ok: true; date: string | undefined } | { ok: false; message: string } {
  // Remix's own: the data request of a client-side navigation (?_data=…) and index routes (?index).
  const entries = [...url.searchParams.entries()].filter(([key]) => key !== "_data" && key !== "index");
  const keys = new Set(entries.map(([key]) => key));
  if (keys.size !== entries.length) return { ok: false, message: "dashboard:errors.unknownParam" };
  const parsed = DashboardQuery.safeParse(Object.fromEntries(entries));
  if (parsed.success) return { ok: true, date: parsed.data.date };
  const issue = parsed.error.issues[0]!;
  return { ok: false, message: issue.code === "unrecognized_keys" ? "dashboard:errors.unknownParam" : issue.message };
}
