"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { draftSchema } from "@/lib/contracts/drafts";
import { postJson } from "../_components/api";

export function NewDraftForm() {
  const t = useTranslations("drafts");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function submit(form: FormData) {
    setError(null);
    const result = await postJson("/api/drafts", { title: form.get("title") }, draftSchema);
    if (!result.ok) return setError(result.message);
    router.push(`/drafts/${result.data.id}`);
  }
  return (
    <form action={submit} className="form inline-form">
      <h2>{t("create")}</h2>
      <label>
        {t("newTitle")}
        <input name="title" required maxLength={200} />
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit">{t("create")}</button>
    </form>
  );
}
