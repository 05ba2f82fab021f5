import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { setUserLocale } from "#app/models/accounts.server.ts";
import { supportedLanguages } from "#app/utils/i18n.ts";
import { languageCookie } from "#app/utils/i18next.server.ts";
import { getSessionUser } from "#app/utils/session.server.ts";
import { safeRedirectPath } from "#app/utils/redirect.ts";

const schema = z.object({
  locale: z.enum(supportedLanguages as [string, ...string[]]),
  redirectTo: z.string().max(2000).optional(),
});

/** Switches the language: kept on the account when signed in, in a cookie otherwise. */
export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = schema.safeParse(form);
  // NOTE: pages send no Referer (Referrer-Policy: no-referrer), so the form says where it was.
  const back = safeRedirectPath(typeof form.redirectTo === "string" ? form.redirectTo : null, request.url);
  if (!parsed.success) throw redirect(back);
  const user = await getSessionUser(request);
  if (user) await setUserLocale(user.id, parsed.data.locale);
  return redirect(back, { headers: { "Set-Cookie": await languageCookie.serialize(parsed.data.locale) } });
}

export async function loader() {
  return redirect("/");
}
