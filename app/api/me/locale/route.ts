// POST { locale }: saves the preferred language (for a signed-in user) and sets the cookie.
import { NextResponse } from "next/server";
import { jsonBody, route } from "../../_lib/http";
import { setPreferredLocale } from "@/server/domain/members";
import { localeSchema } from "@/lib/contracts/members";
import { parseInput } from "@/server/domain/validate";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";

export const POST = route(async ({ req, actor }) => {
  const body = await jsonBody(req);
  const { locale } = parseInput(localeSchema, body);
  if (actor) await setPreferredLocale(actor, { locale });
  const res = NextResponse.json({ locale });
  res.cookies.set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
  return res;
});
