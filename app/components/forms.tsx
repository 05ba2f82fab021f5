import { useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Error messages travel as translation keys ("auth:join.errors.codeExpired") from the shared zod
 * schema or the action, and are translated here, in the reader's language.
 */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div id={id}>
      {errors.map((error) => (
        <p key={error} className="error">
          {t(error)}
        </p>
      ))}
    </div>
  );
}

/** A form-level message (not tied to one field), announced to screen readers. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="notice notice-error">
      {errors.map((error) => (
        <p key={error}>{t(error)}</p>
      ))}
    </div>
  );
}

/** A submit button that says it is working and cannot be tapped twice while it does. */
export function SubmitButton({
  children,
  busyLabel,
  name,
  value,
  className,
  busy: sending = false,
}: {
  children: React.ReactNode;
  busyLabel?: string;
  /** Busy for a reason the router does not know of (a fetch of the page's own). */
  busy?: boolean;
  name?: string;
  value?: string;
  className?: string;
}) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  const busy = sending || navigation.state === "submitting";
  return (
    <button type="submit" name={name} value={value} disabled={busy} aria-disabled={busy} className={className}>
      {busy ? (busyLabel ?? t("common:sending")) : children}
    </button>
  );
}
