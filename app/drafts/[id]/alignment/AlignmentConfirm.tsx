"use client";
// "Confirm aligned" for one article: the English and French texts say the same. Offered to those
// who may edit the text (the server checks again: permission text:edit in the draft's phase).
// Without `onConfirmed` the page's server components are rendered again (the alignment table).
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { AlignmentEntry } from "@/lib/contracts/alignment";
import { postJson } from "../../../_components/api";

export function AlignmentConfirm({ draftId, clauseId, number, onConfirmed }: { draftId: string; clauseId: string; number: number; onConfirmed?: (entry: AlignmentEntry) => void }) {
  const t = useTranslations("alignment");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await postJson<AlignmentEntry>(`/api/drafts/${draftId}/alignment/${encodeURIComponent(clauseId)}/confirm`, {});
    setBusy(false);
    if (!result.ok) return setError(result.message);
    if (onConfirmed) onConfirmed(result.data);
    else router.refresh();
  }
  return (
    <>
      <button type="button" className="small" data-testid="alignment-confirm" aria-label={t("confirmLabel", { number })} disabled={busy} onClick={() => void confirm()}>
        {/* The mark stands in for the words where there is no room for them (a phone's gutter). */}
        <span className="alignment-confirm-mark" aria-hidden="true">✓</span>
        <span className="alignment-confirm-words">{busy ? t("confirming") : t("confirm")}</span>
      </button>
      {error && <span role="alert" className="error">{error}</span>}
    </>
  );
}
