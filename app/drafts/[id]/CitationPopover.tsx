"use client";
// The source of a citation, shown next to it while the pointer is on it (or it has keyboard focus
// or is selected). Floating UI places it beside the citation and keeps it inside the window; it
// closes when the pointer leaves both the citation and the popover, on Escape, and on blur.
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { autoUpdate, computePosition, flip, offset, shift, size } from "@floating-ui/dom";
import type { Editor } from "@tiptap/react";
import { NodeSelection } from "@tiptap/pm/state";
import { NODE } from "@/lib/editor/schema";
import type { SourceItem } from "./useSources";

/** Time to move the pointer from the citation into the popover before it closes. */
const LEAVE_GRACE_MS = 200;

export function CitationPopover({ editor, lookup, onOpenSource }: { editor: Editor; lookup: (id: string) => SourceItem | undefined; onOpenSource: (id: string) => void }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const floating = useRef<HTMLDivElement>(null);
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const openRef = useRef(onOpenSource);
  openRef.current = onOpenSource;

  useEffect(() => {
    const dom = editor.view.dom;
    const citationOf = (target: EventTarget | null) => (target instanceof Element ? (target.closest("cite.citation") as HTMLElement | null) : null);
    const cancelClose = () => clearTimeout(closeTimer.current);
    const closeSoon = () => {
      cancelClose();
      closeTimer.current = setTimeout(() => setAnchor(null), LEAVE_GRACE_MS);
    };
    const over = (e: Event) => {
      const cite = citationOf(e.target);
      if (!cite) return;
      cancelClose();
      setAnchor(cite);
    };
    const out = (e: MouseEvent) => {
      if (!citationOf(e.target)) return;
      const to = e.relatedTarget as Node | null;
      if (to && (citationOf(to) === citationOf(e.target) || floating.current?.contains(to))) return;
      closeSoon();
    };
    const blur = (e: FocusEvent) => {
      if (citationOf(e.target) && !floating.current?.contains(e.relatedTarget as Node | null)) setAnchor(null);
    };
    const click = (e: Event) => {
      const cite = citationOf(e.target);
      if (cite) openRef.current(cite.getAttribute("data-source-item-id") ?? "");
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === "Escape") setAnchor(null);
    };
    const onSelection = () => {
      const sel = editor.state.selection;
      if (sel instanceof NodeSelection && sel.node.type.name === NODE.citation) setAnchor(editor.view.nodeDOM(sel.from) as HTMLElement);
    };
    const listeners: [EventTarget, string, (e: never) => void][] = [
      [dom, "mouseover", over],
      [dom, "focusin", over],
      [dom, "mouseout", out],
      [dom, "focusout", blur],
      [dom, "click", click],
      [document, "keydown", escape],
    ];
    for (const [target, type, listener] of listeners) target.addEventListener(type, listener as EventListener);
    editor.on("selectionUpdate", onSelection);
    return () => {
      cancelClose();
      for (const [target, type, listener] of listeners) target.removeEventListener(type, listener as EventListener);
      editor.off("selectionUpdate", onSelection);
    };
  }, [editor]);

  // Placement follows the citation while the page scrolls, the window resizes or the text reflows.
  useEffect(() => {
    const el = floating.current;
    if (!anchor || !el) return;
    return autoUpdate(anchor, el, () => {
      if (!anchor.isConnected) return setAnchor(null);
      void computePosition(anchor, el, {
        strategy: "fixed",
        placement: "bottom-start",
        middleware: [
          offset(6),
          flip({ padding: 8 }),
          shift({ padding: 8 }),
          size({ padding: 8, apply: ({ availableHeight }) => void (el.style.maxHeight = `${Math.max(120, availableHeight)}px`) }),
        ],
      }).then(({ x, y }) => {
        el.style.left = `${x}px`;
        el.style.top = `${y}px`;
        el.style.visibility = "visible";
      });
    });
  }, [anchor]);

  if (!anchor) return null;
  const id = anchor.getAttribute("data-source-item-id") ?? "";
  return (
    <div
      ref={floating}
      id="citation-popover"
      className="citation-popover"
      role="tooltip"
      data-testid="citation-popover"
      style={{ position: "fixed", left: 0, top: 0, visibility: "hidden" }}
      onMouseEnter={() => clearTimeout(closeTimer.current)}
      onMouseLeave={() => setAnchor(null)}
    >
      <CitationDetails item={lookup(id) ?? null} keyLabel={anchor.getAttribute("data-key") ?? ""} />
    </div>
  );
}

function CitationDetails({ item, keyLabel }: { item: SourceItem | null; keyLabel: string }) {
  const tS = useTranslations("sources");
  const tC = useTranslations("citations");
  return (
    <>
      <strong>{item?.key ?? keyLabel}</strong>
      {item ? (
        <>
          {" · "}
          {tS(`kinds.${item.kind}`)}
          {item.status === "withdrawn" && <p className="warn">{tC("withdrawn")}</p>}
          <p lang="en">
            {item.title ? `${item.title} — ` : ""}
            {item.text}
          </p>
          <p className="muted">
            {item.section}
            {item.actors.length ? ` · ${item.actors.join(", ")}` : ""}
          </p>
        </>
      ) : (
        <p className="warn">{tC("missing")}</p>
      )}
    </>
  );
}
