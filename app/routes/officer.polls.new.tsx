import { randomUUID } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { newQuestion, PollForm } from "#app/components/poll-form.tsx";
import { getAskForStaff, listAsks } from "#app/models/asks.server.ts";
import { listOfficerGroups } from "#app/models/groups.server.ts";
import { createPoll, DEFAULT_SCALE_LABELS, PollEditRefused } from "#app/models/polls.server.ts";
import { once } from "#app/models/submissions.server.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";
import { parsePollForm, toPollInput, type PollFormInput } from "#app/validation/polls.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer");
  const [groups, asks, t] = await Promise.all([listOfficerGroups(user.id), listAsks(), getT(request)]);
  const defaultValue: PollFormInput = {
    title: "",
    // One group: it is the obvious one.
    groupIds: groups.length === 1 ? [groups[0]!.id] : [],
    resultsVisibility: "after_vote",
    questions: [newQuestion()],
  };
  return {
    title: t("polls:builder.newTitle"),
    submissionKey: randomUUID(),
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    asks: asks.map((a) => ({ id: a.id, title: a.title })),
    defaultScaleLabels: DEFAULT_SCALE_LABELS,
    defaultValue,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const submission = parsePollForm(await request.formData());
  // An "add" or "remove" button pressed without JavaScript: the changed form goes back, unsaved.
  if (submission.status !== "success") return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const { submissionKey, askId } = submission.value;
  if (askId && !(await getAskForStaff(askId))) {
    return data(submission.reply({ fieldErrors: { askId: ["polls:errors.askUnknown"] } }), { status: 400 });
  }
  try {
    const made = await once(user.id, submissionKey, async () => (await createPoll(user.id, toPollInput(submission.value))).id);
    return redirect(made.resultId ? `/officer/polls/${made.resultId}?created=1` : "/officer/polls");
  } catch (error) {
    if (error instanceof PollEditRefused) {
      // Only groups the officer runs: the message does not say whether the other group exists.
      return data(submission.reply({ fieldErrors: { groupIds: ["polls:errors.notYourGroups"] } }), { status: 400 });
    }
    throw error;
  }
}

export default function NewPoll() {
  const { groups, asks, defaultScaleLabels, defaultValue, submissionKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <p>
        <Link to="/officer/polls" className="tap-link">{t("polls:builder.back")}</Link>
      </p>
      <h1>{t("polls:builder.newTitle")}</h1>
      <p>{t("polls:builder.newIntro")}</p>
      {groups.length === 0 ? (
        <p className="card">{t("polls:builder.noGroups")}</p>
      ) : (
        <PollForm
          id="new-poll"
          lastResult={lastResult}
          defaultValue={defaultValue}
          groups={groups}
          asks={asks}
          defaultScaleLabels={defaultScaleLabels}
          submissionKey={submissionKey}
          submitLabel={t("polls:builder.create")}
        />
      )}
    </section>
  );
}
