"use client";
import { useEffect, useState } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter, useSearchParams } from "next/navigation";
import { safeCallbackPath } from "@/lib/redirect";

export function LoginForm() {
  const t = useTranslations("login");
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Until React has hydrated, pressing Enter would submit the bare HTML form: the button stays
  // disabled (which blocks implicit submission) and the form posts, so no password reaches a URL.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function submit(form: FormData) {
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    setBusy(false);
    if (result?.ok && !result.error) {
      router.push(safeCallbackPath(params.get("callbackUrl"), window.location.origin, "/drafts"));
      router.refresh();
    } else if (result?.error === "throttled") setError(t("throttled"));
    else if (result?.error === "wrong_credentials" || result?.error === "CredentialsSignin") setError(t("wrong"));
    else setError(t("failed"));
  }

  return (
    <form
      className="form"
      method="post"
      onSubmit={(e) => {
        // onSubmit rather than a form action: a failed attempt keeps what was typed
        e.preventDefault();
        void submit(new FormData(e.currentTarget));
      }}
    >
      <label>
        {t("email")}
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        {t("password")}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit" disabled={busy || !ready}>{t("submit")}</button>
    </form>
  );
}
