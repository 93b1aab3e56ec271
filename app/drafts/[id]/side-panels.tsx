"use client";
// The outline (left) and the Sources/Comments panel (right) beside the text. Each can be shown or
// hidden; they start open when the window leaves the text a comfortable width (the outline from
// 1200 px, the panel from 1000 px). Below 1000 px they open as drawers over the text (globals.css),
// so the panel is one click away instead of below the whole document.
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";

const OUTLINE_AS_COLUMN = "(min-width: 1200px)";
const PANEL_AS_COLUMN = "(min-width: 1000px)";

const matches = (query: string) => typeof window !== "undefined" && window.matchMedia(query).matches;

export interface SidePanels {
  outlineOpen: boolean;
  panelOpen: boolean;
  toggleOutline: () => void;
  togglePanel: () => void;
  openPanel: () => void;
  closeDrawers: () => void;
}

export function useSidePanels(): SidePanels {
  const [outlineOpen, setOutlineOpen] = useState(() => matches(OUTLINE_AS_COLUMN));
  const [panelOpen, setPanelOpen] = useState(() => matches(PANEL_AS_COLUMN));
  const toggleOutline = useCallback(() => setOutlineOpen((open) => !open), []);
  const togglePanel = useCallback(() => setPanelOpen((open) => !open), []);
  const openPanel = useCallback(() => setPanelOpen(true), []);
  // Drawers (narrow windows only) close with Escape, like any dialog-like overlay.
  const closeDrawers = useCallback(() => {
    if (!matches(PANEL_AS_COLUMN)) setPanelOpen(false);
    if (!matches(OUTLINE_AS_COLUMN)) setOutlineOpen(false);
  }, []);
  useEffect(() => {
    const escape = (e: KeyboardEvent) => {
      if (e.key === "Escape") closeDrawers();
    };
    document.addEventListener("keydown", escape);
    return () => document.removeEventListener("keydown", escape);
  }, [closeDrawers]);
  return useMemo(
    () => ({ outlineOpen, panelOpen, toggleOutline, togglePanel, openPanel, closeDrawers }),
    [outlineOpen, panelOpen, toggleOutline, togglePanel, openPanel, closeDrawers],
  );
}

/** Compact show/hide buttons at the end of the editor's bar. */
export function PanelToggles({ panels }: { panels: SidePanels }) {
  const t = useTranslations("editor");
  return (
    <div className="panel-toggles">
      <button type="button" className="glyph" aria-expanded={panels.outlineOpen} aria-controls="editor-outline" aria-label={t("outlineToggle")} title={t("outlineToggle")} onClick={panels.toggleOutline}>
        ☰
      </button>
      <button type="button" className="glyph" aria-expanded={panels.panelOpen} aria-controls="editor-side-panel" aria-label={t("panelToggle")} title={t("panelToggle")} onClick={panels.togglePanel}>
        ◧
      </button>
    </div>
  );
}
