"use client";
// The Sources panel beside the editor: search and filter the meeting's items, cite one into the
// current article (button or drag), see where each is already cited.
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useEditorState, type Editor } from "@tiptap/react";
import { SOURCE_KINDS } from "@/lib/sources";
import { hasActor, matchesWords, searchWords } from "@/lib/search";
import { NODE } from "@/lib/editor/schema";
import { callJson } from "../../_components/api";
import type { SourceCitation as CitingClause } from "@/lib/contracts/sources"; // type only: no zod on the editor page
import type { SourceItem } from "./useSources";
import { CITATION_DRAG_TYPE } from "./citation-drag";

/** Can a citation go where the cursor is (inside the text of an article)? */
export function canCiteHere(editor: Editor): boolean {
  const { $from } = editor.state.selection;
  for (let d = $from.depth; d > 0; d--) if ($from.node(d).type.name === NODE.clause) return $from.parent.type.name === NODE.paragraph;
  return false;
}

export function SourcesPanel({
  editor,
  items,
  canEdit,
  focusedId,
  onFocus,
}: {
  editor: Editor;
  items: SourceItem[];
  canEdit: boolean;
  focusedId: string | null;
  onFocus: (id: string | null) => void;
}) {
  const t = useTranslations("citations");
  const tS = useTranslations("sources");
  const [q, setQ] = useState("");
  const [kind, setKind] = useState("");
  const [section, setSection] = useState("");
  const [actor, setActor] = useState("");
  // "Cite" is enabled only where a citation can go: re-rendered when that changes, not with
  // every keystroke. Reads `editor` (the text the cursor is in, English or French), not the
  // snapshot's: after a switch to the other text's editor the snapshot keeps the previous one
  // until that editor's next transaction.
  const citeHere = useEditorState({ editor, selector: () => canEdit && canCiteHere(editor) });

  const sections = useMemo(() => [...new Set(items.map((i) => i.section).filter((s): s is string => !!s))], [items]);
  const actors = useMemo(() => [...new Set(items.flatMap((i) => i.actors))].sort((a, b) => a.localeCompare(b)), [items]);
  const words = searchWords(q);
  // The item opened from a citation is always listed, whatever the filters (it may even be withdrawn).
  const visible = items.filter(
    (i) =>
      i.id === focusedId ||
      (i.status === "active" && (!kind || i.kind === kind) && (!section || i.section === section) && hasActor(i, actor) && matchesWords(i, words)),
  );

  const cite = (item: SourceItem) =>
    editor.chain().focus().insertContent({ type: NODE.citation, attrs: { sourceItemId: item.id, key: item.key } }).run();

  return (
    <aside className="sources-panel" aria-label={t("panel")} data-testid="sources-panel">
      <h2>{t("panel")}</h2>
      <div className="panel-filters">
        <label>
          <span className="sr-only">{tS("search")}</span>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={tS("searchPlaceholder")} aria-label={tS("search")} />
        </label>
        <select aria-label={tS("kind")} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{tS("kind")}: {tS("any")}</option>
          {SOURCE_KINDS.map((k) => <option key={k} value={k}>{tS(`kinds.${k}`)}</option>)}
        </select>
        <select aria-label={tS("section")} value={section} onChange={(e) => setSection(e.target.value)}>
          <option value="">{tS("section")}: {tS("any")}</option>
          {sections.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <select aria-label={tS("actor")} value={actor} onChange={(e) => setActor(e.target.value)}>
          <option value="">{tS("actor")}: {tS("any")}</option>
          {actors.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
      </div>
      {canEdit && !citeHere && <p className="hint">{t("citeHint")}</p>}
      <p className="muted" role="status">{tS("results", { count: visible.length })}</p>
      <ul className="panel-items">
        {visible.map((item) => (
          <PanelItem key={item.id} item={item} focused={focusedId === item.id} onFocus={onFocus} canCite={citeHere} onCite={() => cite(item)} draggable={canEdit} />
        ))}
      </ul>
    </aside>
  );
}

function PanelItem({ item, focused, onFocus, canCite, onCite, draggable }: { item: SourceItem; focused: boolean; onFocus: (id: string | null) => void; canCite: boolean; onCite: () => void; draggable: boolean }) {
  const t = useTranslations("citations");
  const tS = useTranslations("sources");
  const [citing, setCiting] = useState<CitingClause[] | null>(null);
  const itemRef = useRef<HTMLLIElement>(null);
  // Scrolled to when it becomes the focused item, not at every render: scrolling forces a layout
  // of the whole page, text included, and the panel re-renders as the selection moves.
  useEffect(() => {
    if (focused) itemRef.current?.scrollIntoView({ block: "nearest" });
  }, [focused]);
  useEffect(() => {
    if (!focused) return;
    let live = true;
    void callJson<CitingClause[]>(`/api/sources/${item.id}/citations`).then((r) => live && r.ok && setCiting(r.data));
    return () => {
      live = false;
    };
  }, [focused, item.id]);
  return (
    <li
      className={`panel-item kind-${item.kind}${focused ? " focused" : ""}`}
      data-testid="panel-item"
      data-key={item.key}
      draggable={draggable}
      title={draggable ? t("drag") : undefined}
      onDragStart={(e) => e.dataTransfer.setData(CITATION_DRAG_TYPE, JSON.stringify({ sourceItemId: item.id, key: item.key }))}
      ref={itemRef}
    >
      <div className="panel-item-head">
        <button type="button" className="link-button source-key" aria-expanded={focused} onClick={() => onFocus(focused ? null : item.id)}>
          {item.key}
        </button>
        <span className="badge">{tS(`kinds.${item.kind}`)}</span>
      </div>
      <p className={focused ? "" : "clamp"} lang="en">{item.title ? `${item.title} — ` : ""}{item.text}</p>
      {focused && (
        <div className="panel-item-more">
          <p className="muted">{item.section}{item.actors.length ? ` · ${item.actors.join(", ")}` : ""}</p>
          <p className="muted">
            {t("citedIn")}:{" "}
            {citing === null ? "…" : citing.length === 0 ? t("notCited") : citing.map((c, i) => (
              <span key={`${c.draftId}-${c.clauseId}`}>
                {i > 0 && ", "}
                <a href={`/drafts/${c.draftId}?clause=${encodeURIComponent(c.clauseId)}`}>{c.number ? `Art. ${c.number}` : c.clauseId}</a>
              </span>
            ))}
          </p>
        </div>
      )}
      {canCite && (
        <button type="button" className="small" onMouseDown={(e) => e.preventDefault()} onClick={onCite} aria-label={`${t("cite")}: ${item.key}`}>
          {t("cite")}
        </button>
      )}
    </li>
  );
}
