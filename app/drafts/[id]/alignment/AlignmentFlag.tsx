"use client";
// A small flag for an article's alignment: an icon and its words ("French text out of date"),
// visible to sighted readers as a tooltip and to screen readers as text. Used in the outline, the
// alignment table and (exported) the side-by-side view.
import { useTranslations } from "next-intl";
import type { AlignmentStatus } from "@/lib/contracts/alignment";

const ICON: Record<AlignmentStatus, string> = {
  aligned: "✓",
  fr_outdated: "⚠",
  en_outdated: "⚠",
  fr_missing: "○",
  en_missing: "○",
};

export function AlignmentFlag({ status, withText = false }: { status: AlignmentStatus; withText?: boolean }) {
  const t = useTranslations("alignment");
  const words = t(`status.${status}`);
  return (
    <span className={`alignment-flag alignment-${status}`} data-testid="alignment-flag" data-status={status} title={words}>
      <span aria-hidden="true">{ICON[status]}</span>
      {withText ? <span className="alignment-flag-text">{words}</span> : <span className="sr-only">{words}</span>}
    </span>
  );
}
