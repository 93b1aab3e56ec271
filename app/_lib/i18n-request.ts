// next-intl without locale routing: a signed-in user's saved preference, else the language
// cookie, else the browser's Accept-Language.
import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from "@/lib/i18n/locales";
import { currentActor } from "./actor";
import en from "@/lib/i18n/messages/en.json";
import fr from "@/lib/i18n/messages/fr.json";

const MESSAGES = { en, fr } as const;

async function pickLocale(): Promise<Locale> {
  const actor = await currentActor().catch(() => null);
  if (actor && isLocale(actor.locale)) return actor.locale;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  const accept = (await headers()).get("accept-language") ?? "";
  return /^fr\b/i.test(accept) ? "fr" : DEFAULT_LOCALE;
}

export default getRequestConfig(async () => {
  const locale = await pickLocale();
  return { locale, messages: MESSAGES[locale] };
});
