import { useTranslation } from "react-i18next";

export type Helpline = { kind: string; name: string; phone: string; hours: string };

const KNOWN = ["worker", "childline", "out_of_hours", "emergency"] as const;

function telHref(phone: string) {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

/**
 * Who can help now: the young person's worker, Childline, the out-of-hours team and 999, with the
 * organisation's own numbers (admin settings) where it set them. Known kinds are labelled in the
 * reader's language; a helpline an admin named themselves shows that name, marked as English.
 * Needs only the common namespace: the join page shows it before anyone signs in.
 */
export function HelpNow({ helplines }: { helplines: Helpline[] }) {
  const { t, i18n } = useTranslation();
  const byKind = (kind: string) => helplines.find((h) => h.kind === kind);
  const childline = byKind("childline") ?? { kind: "childline", name: "Childline", phone: "0800 1111", hours: "" };
  const others = helplines.filter((h) => !(KNOWN as readonly string[]).includes(h.kind));
  const worker = byKind("worker");
  const outOfHours = byKind("out_of_hours");
  return (
    <ul className="help-list">
      <li>
        {t("common:helpNow.worker")}
        {worker ? (
          <>
            {" "}
            <a href={telHref(worker.phone)} className="help-phone" dir="ltr">
              {worker.phone}
            </a>
          </>
        ) : null}
      </li>
      <li>
        {t("common:helpNow.childline")}{" "}
        <a href={telHref(childline.phone)} className="help-phone" dir="ltr">
          {childline.phone}
        </a>
      </li>
      {outOfHours ? (
        <li>
          {t("common:helpNow.outOfHours")}{" "}
          <a href={telHref(outOfHours.phone)} className="help-phone" dir="ltr">
            {outOfHours.phone}
          </a>
        </li>
      ) : null}
      {others.map((h) => (
        <li key={`${h.name}-${h.phone}`}>
          <bdi lang="en">{h.name}</bdi>
          {i18n.language === "en" ? null : <span className="muted"> ({t("common:inEnglish")})</span>}{" "}
          <a href={telHref(h.phone)} className="help-phone" dir="ltr">
            {h.phone}
          </a>
        </li>
      ))}
      <li>
        <strong>{t("common:helpNow.emergency")}</strong>{" "}
        <a href="tel:999" className="help-phone" dir="ltr">
          999
        </a>
      </li>
    </ul>
  );
}

/** After words that may signal harm: calm, "you're not in trouble", and who can help right now. */
export function NotInTroublePanel({ helplines }: { helplines: Helpline[] }) {
  const { t } = useTranslation();
  return (
    <section className="card help-panel" aria-labelledby="help-panel-title">
      <h2 id="help-panel-title">{t("youth:help.title")}</h2>
      <p>{t("youth:help.body")}</p>
      <h3>{t("youth:help.now")}</h3>
      <HelpNow helplines={helplines} />
      <p className="muted">{t("youth:help.notWatched")}</p>
    </section>
  );
}
