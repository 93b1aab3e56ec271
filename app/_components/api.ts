// Client-side calls to the JSON API: one place that reads { error: { code, message } } and turns
// the error's code into a sentence in the reader's language (messages `errors.*`, en and fr), and
// that checks a successful answer against its contract (lib/contracts) when the caller passes the
// schema, so a server and client that disagree fail here with a clear error instead of as
// `undefined` somewhere in a component. The editor page and the layout name the contract's type
// only: their first load stays free of the validation library (tests/e2e/page-weight.spec.ts),
// and the API tests check every answer against the same schemas.
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string };

/**
 * The error sentences of one language, fetched the first time a call fails: every page calls the
 * API, few calls fail, and both message files are a tenth of the editor page's own code. The
 * service worker precaches the chunk, so it loads offline too.
 */
async function errorMessages(locale: Locale): Promise<Record<string, string>> {
  const messages = locale === "fr" ? await import("@/lib/i18n/messages/fr.json") : await import("@/lib/i18n/messages/en.json");
  return messages.default.errors;
}

/**
 * What the UI shows for a failed call. The server's own message is English and often more precise
 * ("A member with this email already exists."), so an English reader gets it; every other reader
 * gets the translated sentence for its code. Unknown codes read as "internal".
 */
async function errorText(code: string, serverMessage: string | undefined): Promise<string> {
  const lang = typeof document !== "undefined" ? document.documentElement.lang : DEFAULT_LOCALE;
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  if (locale === "en" && serverMessage && code !== "internal" && code !== "network") return serverMessage;
  try {
    const texts = await errorMessages(locale);
    return texts[code] ?? texts.internal!;
  } catch {
    return serverMessage ?? code; // the sentences could not be loaded (offline before the worker cached them)
  }
}

/** What callJson needs of a contract: zod's safeParse (structural, so this module loads no zod). */
export interface Contract<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

export interface CallOptions<T> {
  method?: string;
  body?: unknown;
  /** The contract of a successful answer's body, checked at run time; without one, `T` is trusted. */
  response?: Contract<T>;
}

export async function callJson<T = unknown>(url: string, init?: CallOptions<T>): Promise<ApiResult<T>> {
  const method = init?.method ?? "GET";
  try {
    const res = await fetch(url, {
      method,
      headers: init?.body !== undefined ? { "content-type": "application/json" } : undefined,
      body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    const json = await res.json().catch(() => null);
    if (res.ok) {
      if (!init?.response) return { ok: true, data: json as T };
      const parsed = init.response.safeParse(json);
      if (parsed.success) return { ok: true, data: parsed.data };
      const where = parsed.error.issues.map((i) => `${i.path.map(String).join(".") || "(body)"}: ${i.message}`).join("; ");
      console.error(`${method} ${url}: the answer does not match its contract (${where})`);
      return { ok: false, status: res.status, code: "contract", message: await errorText("contract", undefined) };
    }
    const code = typeof json?.error?.code === "string" ? json.error.code : "internal";
    return { ok: false, status: res.status, code, message: await errorText(code, json?.error?.message) };
  } catch {
    return { ok: false, status: 0, code: "network", message: await errorText("network", undefined) };
  }
}

export const postJson = <T = unknown>(url: string, body: unknown, response?: Contract<T>) =>
  callJson<T>(url, { method: "POST", body, response });
