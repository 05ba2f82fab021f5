import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { pollForShortCode } from "#app/models/polls.server.ts";
import { invariantResponse } from "#app/utils/permissions.server.ts";
import { getSessionUser } from "#app/utils/session.server.ts";
import { normaliseCode } from "#app/utils/text.ts";

/**
 * A poll's short link, shown on the meeting room's screen as /p/123456 and a QR code. It only
 * redirects: to the voting page for a young person of the poll's groups, through sign-in for
 * someone signed out. An unknown code, a draft and another group's poll are all the same 404, and
 * nothing here ever says a poll's title.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  // Digits in any script (٤٥٦٧٨٩ on an Arabic keyboard), with or without a space in the middle.
  const code = normaliseCode(params.code ?? "");
  invariantResponse(/^\d{6}$/.test(code), 404);
  const user = await getSessionUser(request);
  // Signed out: straight to sign-in, back to this link after; nothing says whether the code exists.
  if (!user) throw redirect(`/sign-in?redirectTo=${encodeURIComponent(`/p/${code}`)}`);
  // Polls are answered by young people; staff have the officers' screens and the board's.
  invariantResponse(user.kind !== "staff", 403);
  const poll = await pollForShortCode(code, user.id);
  invariantResponse(poll, 404);
  throw redirect(`/me/polls/${poll.id}`);
}

// A page module (not a resource route), so that a refusal shows the root's error page in the
// reader's language.
export default function ShortLink() {
  return null;
}
