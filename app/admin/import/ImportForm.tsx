"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { importResultSchema, type ImportResult as Preview } from "@/lib/contracts/sources";
import { postJson } from "../../_components/api";

export function ImportForm() {
  const t = useTranslations("import");
  const tKinds = useTranslations("sources.kinds");
  const [request, setRequest] = useState<{ text: string; keyPrefix: string; title: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(body: { text: string; keyPrefix: string; title: string }, confirm: boolean) {
    setError(null);
    const result = await postJson("/api/sources/import", { ...body, confirm }, importResultSchema);
    if (!result.ok) {
      setPreview(null);
      return setError(result.message);
    }
    setPreview(result.data);
  }

  async function onPreview(form: FormData) {
    const file = form.get("file");
    const text = file instanceof File ? await file.text() : "";
    const body = { text, keyPrefix: String(form.get("keyPrefix") ?? "").toUpperCase(), title: String(form.get("title") ?? "") };
    setRequest(body);
    await run(body, false);
  }

  return (
    <>
      <form action={onPreview} className="form">
        <label>{t("file")}<input name="file" type="file" accept=".md,.markdown,.txt,text/plain,text/markdown" required /></label>
        <label>{t("keyPrefix")}<input name="keyPrefix" required pattern="[A-Za-z0-9]{2,10}" /></label>
        <label>{t("docTitle")}<input name="title" required maxLength={300} /></label>
        <button type="submit">{t("preview")}</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {preview && (
        <section aria-label={t("preview")}>
          <p role="status">{t("summary", { created: preview.created, updated: preview.updated, unchanged: preview.unchanged, withdrawn: preview.withdrawn })}{preview.saved ? ` — ${t("saved")}` : ""}</p>
          {!preview.saved && request && (
            <button type="button" onClick={() => void run(request, true)}>{t("confirm", { count: preview.items.length })}</button>
          )}
          <ol className="preview-list">
            {preview.items.map((item) => (
              <li key={item.key}>
                <strong>{item.key}</strong> · {tKinds(item.kind)} · <span className="muted">{item.section}</span>
                <p>{item.text}</p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
