"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { callJson, postJson } from "../../../_components/api";

/** Mark an item "deliberately not addressed" with a reason, or withdraw that decision. */
export function DecisionControls({ draftId, sourceItemId, decided }: { draftId: string; sourceItemId: string; decided: boolean }) {
  const t = useTranslations("coverage");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(form: FormData) {
    const result = await postJson(`/api/drafts/${draftId}/coverage/decisions`, { sourceItemId, reason: form.get("reason") });
    if (!result.ok) return setError(result.message);
    setOpen(false);
    router.refresh();
  }
  async function undo() {
    const result = await callJson(`/api/drafts/${draftId}/coverage/decisions/${sourceItemId}`, { method: "DELETE" });
    if (!result.ok) return setError(result.message);
    router.refresh();
  }

  if (decided) return <button type="button" className="link-button" onClick={() => void undo()}>{t("undo")}</button>;
  return (
    <>
      {!open && <button type="button" className="link-button" onClick={() => setOpen(true)}>{t("markNotAddressed")}</button>}
      {open && (
        <form action={save} className="decision-form">
          <input name="reason" aria-label={t("reason")} placeholder={t("reason")} required minLength={3} maxLength={1000} autoFocus />
          <button type="submit" className="small">{t("save")}</button>
        </form>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </>
  );
}
