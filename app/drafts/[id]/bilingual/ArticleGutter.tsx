"use client";
// One slot per article beside the French text (between the columns side by side), at the height
// where the article starts. The editor puts the article's alignment flag and Confirm button
// (app/drafts/[id]/alignment/) into it through `renderSlot`.
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
