import { useTranslation } from "react-i18next";

type Helpline = { id: string; name: string; phone: string; hours: string };

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
      <Helplines helplines={helplines} />
    </section>
  );
}

export function Helplines({ helplines }: { helplines: Helpline[] }) {
  const { t } = useTranslation();
  return (
    <ul className="list">
      {helplines.map((h) => (
        <li key={h.id}>
          <strong>{h.name}</strong>{" "}
          <a href={`tel:${h.phone.replace(/[^\d+]/g, "")}`} dir="ltr">
            {h.phone}
          </a>
          {h.hours ? <span className="muted"> · {h.hours}</span> : null}
        </li>
      ))}
      <li>
        <strong>{t("auth:whoSeesWhat.emergency")}</strong>{" "}
        <a href="tel:999" dir="ltr">
          999
        </a>
      </li>
    </ul>
  );
}
