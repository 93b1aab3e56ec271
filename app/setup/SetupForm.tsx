"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { postJson } from "../_components/api";

export function SetupForm() {
  const t = useTranslations("setup");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(form: FormData) {
    setError(null);
    const body = Object.fromEntries(form.entries());
    const result = await postJson("/api/setup", body);
    if (!result.ok) return setError(result.message);
    setDone(true);
    await signIn("credentials", { redirect: false, email: body.email, password: body.password });
    router.push("/drafts");
    router.refresh();
  }

  return (
    <form action={submit} className="form">
      <label>{t("name")}<input name="name" required maxLength={120} /></label>
      <label>{t("email")}<input name="email" type="email" required /></label>
      <label>{t("delegation")}<input name="delegation" maxLength={120} defaultValue="Rabat Process Secretariat" /></label>
      <label>{t("password")}<input name="password" type="password" minLength={10} required autoComplete="new-password" /></label>
      {error && <p role="alert" className="error">{error}</p>}
      {done && <p role="status">{t("done")}</p>}
      <button type="submit">{t("submit")}</button>
    </form>
  );
}
