import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, redirect } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "#app/components/site-header.tsx";
import { homePath } from "#app/utils/permissions.server.ts";
import { getSessionUser } from "#app/utils/session.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(homePath(user));
  return null;
}

export default function Index() {
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("landing.title")}</h1>
      <p className="lead">{t("landing.intro")}</p>
      <LanguageSwitcher />
      <p className="actions">
        <Link to="/join" className="button">
          {t("landing.join")}
        </Link>
        <Link to="/sign-in" className="button button-secondary">
          {t("landing.signIn")}
        </Link>
      </p>
    </section>
  );
}
