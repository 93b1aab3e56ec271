"use client";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { isTextView, useShownTextView } from "./bilingual/useTextView";

const FORMATS = [
  { id: "docx", label: "Word (DOCX)" },
  { id: "pdf", label: "PDF" },
  { id: "md", label: "Markdown" },
  { id: "html", label: "HTML" },
  { id: "akn", label: "Akoma Ntoso (XML)" },
] as const;

/** Which text goes out: the UI language (labels) and the text language are separate choices. */
const TEXTS = ["en", "fr", "both"] as const;

/** Download the current text (or a version) in a format for circulation, in English, French or both. */
export function ExportMenu({ draftId, versionId }: { draftId: string; versionId?: string }) {
  const t = useTranslations("export");
  const tA = useTranslations("amendmentExport.links");
  const tT = useTranslations("exportText");
  const locale = useLocale();
  const [format, setFormat] = useState<string>("docx");
  const [comments, setComments] = useState(false);
  const [lang, setLang] = useState(locale);
  const [chosenText, setText] = useState<(typeof TEXTS)[number] | null>(null);
  // Until the reader picks a text here, the text(s) the editor shows (or a shared link's ?text=).
  const fromLink = useSearchParams().get("text");
  const shown = useShownTextView() ?? fromLink;
  const text = chosenText ?? (isTextView(shown) ? shown : "en");
  const params = new URLSearchParams({ format, text, lang, ...(comments ? { comments: "1" } : {}), ...(versionId ? { version: versionId } : {}) });
  return (
    <div className="export-menu" data-testid="export-menu">
      <select aria-label={t("format")} value={format} onChange={(e) => setFormat(e.target.value)}>
        {FORMATS.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
      </select>
      {/* Named on screen: "English" beside "Français" said nothing of which is the text. */}
      <label className="export-choice">
        <span>{tT("text")}</span>
        <select aria-label={tT("text")} value={text} onChange={(e) => setText(e.target.value as (typeof TEXTS)[number])}>
          {TEXTS.map((id) => <option key={id} value={id}>{tT(id)}</option>)}
        </select>
      </label>
      <label className="export-choice">
        <span>{t("labels")}</span>
        <select aria-label={t("labels")} value={lang} onChange={(e) => setLang(e.target.value)}>
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
      </label>
      <label className="check"><input type="checkbox" checked={comments} onChange={(e) => setComments(e.target.checked)} /> {t("includeComments")}</label>
      <a className="button small" href={`/api/drafts/${draftId}/export?${params}`} download>{t("button")}</a>
      {format === "akn" && text === "both" && <span className="hint">{tT("aknBothZip")}</span>}
      {!versionId && (
        // The amendments concern the current text: the disposition table and the compilation.
        <span className="amendment-exports" data-testid="amendment-exports">
          <a href={`/api/drafts/${draftId}/amendments/export?format=docx&text=${text}&lang=${lang}`} download>{tA("disposition")}</a>
          <a href={`/api/drafts/${draftId}/amendments/export?format=csv&text=${text}&lang=${lang}`} download>{tA("dispositionCsv")}</a>
          {/* Word tracks changes in one text: the compilation is per language. */}
          {text === "both" ? (
            <span className="hint">{tT("trackedOneText")}</span>
          ) : (
            <a href={`/api/drafts/${draftId}/export?format=docx&amendments=tracked&text=${text}&lang=${lang}`} download>{tA("tracked")}</a>
          )}
        </span>
      )}
    </div>
  );
}
