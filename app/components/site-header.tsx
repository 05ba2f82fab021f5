import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReadAloud } from "#app/components/read-aloud.tsx";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { useRootData } from "#app/utils/use-root-data.ts";
import { languages } from "#app/utils/i18n.ts";

// A neutral page to leave to in a hurry; replace() keeps Voices out of the back button's history.
export const QUICK_EXIT_URL = "https://www.bbc.co.uk/weather";

export function QuickExit() {
  const { t } = useTranslation();
  return (
    <a
      className="quick-exit"
      href={QUICK_EXIT_URL}
      rel="noreferrer"
      onClick={(event) => {
        event.preventDefault();
        window.location.replace(QUICK_EXIT_URL);
      }}
    >
      {t("quickExit")}
    </a>
  );
}

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/language" reloadDocument className="language-switcher">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor="language-select" className="visually-hidden">
        {t("language.label")}
      </label>
      <select id="language-select" name="locale" defaultValue={i18n.language}>
        {languages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code} dir={l.dir}>
            {l.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button-secondary">
        {t("language.change")}
      </button>
    </Form>
  );
}

function roleLinks(user: { kind: string; roles: string[] }) {
  if (user.kind === "young_person") {
    return [
      { to: "/me", key: "nav.myGroups" },
      { to: "/me/say", key: "nav.say" },
      { to: "/me/things", key: "nav.myThings" },
    ];
  }
  const links: { to: string; key: string }[] = [];
  if (user.roles.includes("officer")) {
    links.push({ to: "/officer", key: "nav.queue" }, { to: "/officer/asks", key: "nav.asks" }, { to: "/officer/polls", key: "nav.polls" });
  }
  if (user.roles.includes("board_member")) links.push({ to: "/board", key: "nav.board" }, { to: "/board/polls", key: "nav.boardPolls" });
  if (user.roles.includes("board_member") || user.roles.includes("officer")) links.push({ to: "/reminders", key: "nav.reminders" });
  if (user.roles.includes("officer") || user.roles.includes("translator")) links.push({ to: "/translate", key: "nav.translate" });
  if (user.roles.includes("safeguarding_lead")) links.push({ to: "/safeguarding", key: "nav.safeguarding" });
  if (user.roles.includes("admin")) links.push({ to: "/admin", key: "nav.admin" });
  return links;
}

export function SiteHeader() {
  const data = useRootData();
  const { t } = useTranslation();
  const user = data?.user ?? null;
  const isStaff = user?.kind === "staff";
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <div className="site-header-bar">
        <Link to="/" className="brand">
          {t("appName")}
        </Link>
        {isStaff ? null : (
          <span className="site-header-actions">
            <ReadAloud />
            <QuickExit />
          </span>
        )}
      </div>
      {user ? (
        <nav aria-label={t("nav.label")} className="site-nav">
          <ul>
            {roleLinks(user).map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end>
                  {t(link.key)}
                </NavLink>
              </li>
            ))}
            <li>
              <NavLink to="/account">{t("nav.account")}</NavLink>
            </li>
            <li>
              <Form method="post" action="/sign-out">
                <button type="submit" className="link-button">
                  {t("nav.signOut")}
                </button>
              </Form>
            </li>
          </ul>
        </nav>
      ) : null}
      {data?.staffAlerts ? <StaffAlerts alerts={data.staffAlerts} /> : null}
      {data?.translationStatus && data.translationStatus.source !== "human" ? (
        <p className="translation-status" role="note">
          {t("translationStatus.machineDrafted")}
        </p>
      ) : null}
    </header>
  );
}

/**
 * A waiting safeguarding concern, on every page of a lead (and of an officer once one escalated to
 * them), live: it appears within a second of the words being saved, wherever they are.
 */
function StaffAlerts({ alerts }: { alerts: { concernsWaiting: number | null; oldestConcernId: string | null; escalatedToMe: number | null } }) {
  const { t } = useTranslation();
  useLiveRevalidate([events.concernsChanged, events.concernEscalated], { marksLive: false });
  return (
    <div aria-live="assertive">
      {alerts.concernsWaiting ? (
        <p className="notice notice-error staff-alert" role="alert">
          {t("staffAlerts.concernsWaiting", { number: alerts.concernsWaiting })}{" "}
          <Link to={alerts.oldestConcernId ? `/safeguarding/${alerts.oldestConcernId}` : "/safeguarding"}>{t("staffAlerts.readNow")}</Link>
        </p>
      ) : null}
      {alerts.escalatedToMe ? (
        <p className="notice notice-error staff-alert" role="alert">
          {t("staffAlerts.escalatedToMe", { number: alerts.escalatedToMe })}{" "}
          <Link to="/officer/concerns">{t("staffAlerts.openEscalated")}</Link>
        </p>
      ) : null}
    </div>
  );
}

/** On every page: the accessibility statement UK public bodies must link to. */
export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <Link to="/accessibility">{t("footer.accessibility")}</Link>
    </footer>
  );
}
