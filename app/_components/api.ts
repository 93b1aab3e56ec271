// Client-side calls to the JSON API: one place that reads { error: { code, message } }.
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string };

export async function callJson<T>(url: string, init?: { method?: string; body?: unknown }): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, {
      method: init?.method ?? "GET",
      headers: init?.body !== undefined ? { "content-type": "application/json" } : undefined,
      body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    const json = await res.json().catch(() => null);
    if (res.ok) return { ok: true, data: json as T };
    return { ok: false, status: res.status, code: json?.error?.code ?? "internal", message: json?.error?.message ?? res.statusText };
  } catch {
    return { ok: false, status: 0, code: "network", message: "The server could not be reached." };
  }
}

export const postJson = <T,>(url: string, body: unknown) => callJson<T>(url, { method: "POST", body });
