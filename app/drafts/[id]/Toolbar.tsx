"use client";
// The editor's toolbar: one row of labelled groups. Frequent actions are compact buttons (their
// full name is the accessible name and the tooltip); the article's structural actions sit in an
// "Article actions" menu so the row fits beside the side panel at 1024 px, in English and French.
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useEditorState, type Editor } from "@tiptap/react";
import type { Node as PMNode } from "@tiptap/pm/model";
import { NODE } from "@/lib/editor/schema";
import { currentTopLevel } from "@/lib/editor/commands";

interface Action {
  key: string;
  label: string;
  glyph?: string;
  run: () => boolean;
  active?: boolean;
}

/** `onProposeArticle`: offered to those who may propose amendments (issue 12). */
export function Toolbar({ editor, onProposeArticle }: { editor: Editor; onProposeArticle?: () => void }) {
  const tAmend = useTranslations("amendments");
  const t = useTranslations("editor.toolbar");
  const tEditor = useTranslations("editor");
  const tCite = useTranslations("citations");
  const chain = () => editor.chain().focus();
  // Its own subscription: the toolbar re-renders when a pressed state changes, not with every
  // keystroke (and not because something else on the screen re-rendered).
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
    }),
  });
  const groups: { label: string; actions: Action[] }[] = [
    {
      label: t("groupText"),
      actions: [
        { key: "bold", label: t("bold"), glyph: "B", run: () => chain().toggleBold().run(), active: active.bold },
        { key: "italic", label: t("italic"), glyph: "I", run: () => chain().toggleItalic().run(), active: active.italic },
      ],
    },
    {
      label: t("groupLists"),
      actions: [
        { key: "bulletList", label: t("bulletList"), glyph: "•≡", run: () => chain().toggleBulletList().run(), active: active.bulletList },
        { key: "orderedList", label: t("orderedList"), glyph: "1.≡", run: () => chain().toggleOrderedList().run(), active: active.orderedList },
      ],
    },
    {
      label: t("groupHistory"),
      actions: [
        { key: "undo", label: t("undo"), glyph: "↶", run: () => chain().undo().run() },
        { key: "redo", label: t("redo"), glyph: "↷", run: () => chain().redo().run() },
      ],
    },
    { label: t("groupArticle"), actions: [{ key: "addClause", label: t("addClause"), run: () => chain().addClause().run() }] },
  ];
  const articleActions: Action[] = [
    { key: "addChapter", label: t("addChapter"), run: () => chain().addChapter().run() },
    { key: "split", label: t("split"), run: () => chain().splitClause().run() },
    { key: "merge", label: t("merge"), run: () => chain().mergeClauseWithPrevious().run() },
    { key: "moveUp", label: t("moveUp"), run: () => chain().moveClause("up").run() },
    { key: "moveDown", label: t("moveDown"), run: () => chain().moveClause("down").run() },
    {
      key: "delete",
      label: t("delete"),
      run: () => {
        const only = onlyCitationsIn(editor);
        const question = only.length ? tCite("onlyCitation", { keys: only.join(", ") }) : tEditor("confirmDelete");
        return window.confirm(question) ? chain().deleteClause().run() : false;
      },
    },
  ];
  if (onProposeArticle) articleActions.push({ key: "proposeArticle", label: tAmend("proposeArticle"), run: () => (onProposeArticle(), true) });
  return (
    <div className="toolbar" role="toolbar" aria-label={t("label")}>
      {groups.map((group) => (
        <div key={group.label} role="group" aria-label={group.label} className="toolbar-group">
          {group.actions.map((a) => (
            <ActionButton key={a.key} action={a} />
          ))}
        </div>
      ))}
      <ActionMenu label={t("more")} actions={articleActions} />
    </div>
  );
}

function ActionButton({ action, className }: { action: Action; className?: string }) {
  return (
    <button
      type="button"
      className={className ?? (action.glyph ? "glyph" : undefined)}
      data-action={action.key}
      aria-label={action.glyph ? action.label : undefined}
      title={action.glyph ? action.label : undefined}
      aria-pressed={action.active ?? undefined}
      onMouseDown={(e) => e.preventDefault()} // keep the editor's selection
      onClick={() => action.run()}
    >
      {action.glyph ?? action.label}
    </button>
  );
}

/**
 * A disclosure button with a list of actions (WAI-ARIA disclosure pattern: the items stay plain
 * buttons). It stays open after an action so "Move up" can be pressed several times; Escape or a
 * click elsewhere closes it.
 */
function ActionMenu({ label, actions }: { label: string; actions: Action[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);
  return (
    <div className="toolbar-menu" ref={root}>
      <button type="button" aria-expanded={open} aria-controls="article-actions" onMouseDown={(e) => e.preventDefault()} onClick={() => setOpen(!open)}>
        {label} ▾
      </button>
      {open && (
        <div id="article-actions" className="toolbar-menu-items">
          {actions.map((a) => (
            <ActionButton key={a.key} action={a} className="menu-item" />
          ))}
        </div>
      )}
    </div>
  );
}

/** Keys of the source items cited in the current article and nowhere else in the draft. */
function onlyCitationsIn(editor: Editor): string[] {
  const here = currentTopLevel(editor.state);
  if (!here) return [];
  const citations = (node: PMNode) => {
    const found: { id: string; key: string }[] = [];
    node.descendants((n) => {
      if (n.type.name === NODE.citation) found.push({ id: String(n.attrs.sourceItemId), key: String(n.attrs.key) });
    });
    return found;
  };
  const inHere = citations(here.node);
  const elsewhere = new Set<string>();
  editor.state.doc.forEach((block, offset) => {
    if (offset !== here.pos) for (const c of citations(block)) elsewhere.add(c.id);
  });
  return [...new Map(inHere.filter((c) => !elsewhere.has(c.id)).map((c) => [c.id, c.key])).values()];
}
