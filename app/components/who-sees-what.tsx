import { useTranslation } from "react-i18next";
import { HelpNow, type Helpline } from "#app/components/help-panel.tsx";

/** The short "who sees what" explainer a young person reads before joining (and can reread). */
export function WhoSeesWhat({ helplines }: { helplines: Helpline[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="who-sees-what">
      <h2 id="who-sees-what">{t("auth:whoSeesWhat.title")}</h2>
      <ul>
        <li>{t("auth:whoSeesWhat.officers")}</li>
        <li>{t("auth:whoSeesWhat.board")}</li>
        <li>{t("auth:whoSeesWhat.group")}</li>
        <li>{t("auth:whoSeesWhat.votes")}</li>
        <li>{t("auth:whoSeesWhat.safety")}</li>
      </ul>
      <p>{t("auth:whoSeesWhat.notWatched")}</p>
      <HelpNow helplines={helplines} />
    </section>
  );
}
