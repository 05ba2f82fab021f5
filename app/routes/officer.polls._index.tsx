import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pollState, PollStateBadge } from "#app/components/poll-state.tsx";
import { listPollsForOfficer } from "#app/models/polls.server.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

/** The polls of the groups this officer runs, newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer");
  const [polls, t] = await Promise.all([listPollsForOfficer(user.id), getT(request)]);
  return {
    title: t("polls:list.title"),
    polls: polls.map((poll) => ({
      id: poll.id,
      title: poll.title,
      groups: poll.groups,
      state: pollState(poll, poll.open, poll.closed),
      opensAt: poll.opensAt,
      closesAt: poll.closesAt,
      shortCode: poll.shortCode,
      answered: Boolean(poll.firstVoteAt),
    })),
  };
}

export default function Polls() {
  const { polls } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();

  return (
    <section className="stack">
      <h1>{t("polls:list.title")}</h1>
      <p>{t("polls:list.intro")}</p>
      <p>
        <Link to="/officer/polls/new" className="button">
          {t("polls:list.new")}
        </Link>
      </p>
      {polls.length === 0 ? (
        <p className="card">{t("polls:list.none")}</p>
      ) : (
        <ul className="list">
          {polls.map((poll) => (
            <li key={poll.id} className="card">
              <h2 className="officer-card-title">
                <Link to={`/officer/polls/${poll.id}`}>
                  <bdi>{poll.title}</bdi>
                </Link>
              </h2>
              <dl className="officer-facts">
                <div>
                  <dt>{t("polls:list.state")}</dt>
                  <dd>
                    <PollStateBadge state={poll.state} />
                  </dd>
                </div>
                <div>
                  <dt>{t("polls:list.groups")}</dt>
                  <dd>
                    {poll.groups.map((name, index) => (
                      <span key={name}>
                        {index > 0 ? ", " : null}
                        <bdi>{name}</bdi>
                      </span>
                    ))}
                  </dd>
                </div>
                <div>
                  <dt>{t("polls:list.opens")}</dt>
                  <dd>{poll.opensAt ? formatDate(poll.opensAt, true) : t("polls:list.byHand")}</dd>
                </div>
                <div>
                  <dt>{t("polls:list.closes")}</dt>
                  <dd>{poll.closesAt ? formatDate(poll.closesAt, true) : t("polls:list.byHand")}</dd>
                </div>
                <div>
                  <dt>{t("polls:list.code")}</dt>
                  <dd className="poll-code">{poll.shortCode}</dd>
                </div>
                <div>
                  <dt>{t("polls:list.answers")}</dt>
                  <dd>{poll.answered ? t("polls:list.answered") : t("polls:list.notAnswered")}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
