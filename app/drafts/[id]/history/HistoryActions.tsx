"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { postJson, callJson } from "../../../_components/api";

export function NameVersionForm({ draftId }: { draftId: string }) {
  const t = useTranslations("history");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function submit(form: FormData) {
    setError(null);
    const result = await postJson(`/api/drafts/${draftId}/versions`, { name: form.get("name"), note: form.get("note") });
    if (!result.ok) return setError(result.message);
    router.refresh();
  }
  return (
    <form action={submit} className="form inline-form">
      <h3>{t("nameTitle")}</h3>
      <label>{t("name")}<input name="name" required maxLength={120} placeholder={t("namePlaceholder")} /></label>
      <label>{t("note")}<input name="note" maxLength={2000} /></label>
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit">{t("nameSubmit")}</button>
    </form>
  );
}

export function RestoreButton({ draftId, versionId, name }: { draftId: string; versionId: string; name: string }) {
  const t = useTranslations("history");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function restore() {
    if (!window.confirm(t("confirmRestore", { name }))) return;
    const result = await callJson(`/api/drafts/${draftId}/versions/${versionId}/restore`, { method: "POST" });
    if (!result.ok) return setError(result.message);
    router.refresh();
  }
  return (
    <>
      <button type="button" className="link-button" onClick={() => void restore()}>{t("restoreButton")}</button>
      {error && <span role="alert" className="error"> {error}</span>}
    </>
  );
}
