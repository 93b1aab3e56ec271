"use client";
// One slot per article beside the French text (between the columns side by side), at the height
// where the article starts. SLOT: the alignment helper's <AlignmentFlag clauseId> and
// <AlignmentConfirm clauseId> (app/drafts/[id]/alignment/) go into `renderSlot`; until then each
// slot is an empty, labelled placeholder.
import type { ReactNode, RefObject } from "react";
import { useTranslations } from "next-intl";
import type { GutterRow } from "./useAlignedRows";

export function ArticleGutter({ rows, gutterRef, renderSlot }: { rows: GutterRow[]; gutterRef: RefObject<HTMLDivElement | null>; renderSlot?: (clauseId: string) => ReactNode }) {
  const t = useTranslations("bilingual");
  return (
    <div className="article-gutter" ref={gutterRef} data-testid="article-gutter" role="list" aria-label={t("gutterLabel")}>
      {rows.map((row) => (
        <div key={row.clauseId} className="article-gutter-slot" role="listitem" style={{ top: row.top }} data-alignment-slot={row.clauseId} aria-label={t("gutterArticle", { number: row.number })}>
          {renderSlot?.(row.clauseId)}
        </div>
      ))}
    </div>
  );
}
