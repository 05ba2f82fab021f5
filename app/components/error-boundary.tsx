import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The one error page: a message per status, in the user's language. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key =
    status === 403 ? "forbidden" : status === 404 ? "notFound" : status === 429 ? "tooMany" : status === 400 ? "badRequest" : status === 409 ? "conflict" : "unexpected";
  if (status >= 500) console.error(error);
  return (
    <section className="card" aria-labelledby="error-title">
      <h1 id="error-title">{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
      <p>
        <Link to="/">{t("errors.goHome")}</Link>
      </p>
    </section>
  );
}
