import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "#app/components/forms.tsx";
import { listConcernsForOfficer, openEscalatedConcern } from "#app/models/safeguarding.server.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

/**
 * A concern that escalated to an officer of its group. The page itself shows no words: they come
 * only from the "open it" form's action, which records the opening, so that no visit (a prefetch,
 * a link followed by accident) reads a concern unrecorded.
 */
async function placeholder(request: Request, concernId: string | undefined) {
  const user = await requireRole(request, "officer");
  invariantResponse(concernId && concernId.length <= 64, 404);
  const concern = (await listConcernsForOfficer(user.id)).find((c) => c.id === concernId);
  // Not a concern of their groups (or closed): the same answer, so nothing leaks.
  invariantResponse(concern, 404);
  return { user, concern };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { concern } = await placeholder(request, params.concernId);
  const t = await getT(request);
  return { title: t("officer:concerns.openTitle", { group: concern.group.name }), concern };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, concern } = await placeholder(request, params.concernId);
  invariantResponse(concern.mayOpen, 403);
  const opened = await openEscalatedConcern(user.id, concern.id);
  invariantResponse(opened, 403);
  return data({ opened });
}

export default function OfficerConcern() {
  const { concern } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const opened = actionData?.opened;
  return (
    <section className="stack">
      <p>
        <Link to="/officer/concerns">{t("officer:concerns.listTitle")}</Link>
      </p>
      <h1>{t("officer:concerns.openTitle", { group: concern.group.name })}</h1>
      {!concern.mayOpen ? (
        <p className="card">{t("officer:concerns.notEscalated")}</p>
      ) : opened ? (
        <article className="card">
          <h2>{t("officer:concerns.words")}</h2>
          <blockquote className="quote officer-text" dir="auto" lang={opened.language}>
            {opened.text}
          </blockquote>
          <p>
            <strong>{t("officer:concerns.author")}:</strong> {opened.author ? <bdi>{opened.author}</bdi> : t("officer:concerns.anonymous")}
          </p>
          <p className="notice notice-warn">{t("officer:concerns.next")}</p>
        </article>
      ) : (
        <Form method="post" className="card">
          <p>{t("officer:concerns.openExplain", { time: formatDate(concern.createdAt, true) })}</p>
          <SubmitButton className="button-danger">{t("officer:concerns.openButton")}</SubmitButton>
        </Form>
      )}
    </section>
  );
}
