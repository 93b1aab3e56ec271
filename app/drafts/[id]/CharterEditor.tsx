"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { DraftTabs } from "./DraftTabs";
import { ExportMenu } from "./ExportMenu";
import { useSearchParams } from "next/navigation";
import { NodeSelection } from "@tiptap/pm/state";
import type { Node as PMNode } from "@tiptap/pm/model";
import { useTranslations } from "next-intl";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { charterExtensions } from "@/lib/editor/extensions";
import { NODE } from "@/lib/editor/schema";
import { currentTopLevel } from "@/lib/editor/commands";
import { useCollabSession, type ConnectionState } from "./useCollabSession";
import { colorFor } from "./colors";
import { useSources, type SourceItem } from "./useSources";
import { SourcesPanel, CITATION_DRAG_TYPE } from "./SourcesPanel";
import { CitationStatus, REFRESH_CITATION_STATUS } from "./citation-status";
import { ClauseHighlight, HIGHLIGHT_CLAUSE } from "./clause-highlight";
import { CommentHighlights } from "./comment-anchors";
import { CommentsPanel, useCommentHighlights, useLiveThreadStatus, useThreads, type CommentAbilities } from "./CommentsPanel";

export interface EditorUser {
  id: string;
  name: string;
  delegation: string;
}

interface OutlineEntry {
  kind: "chapter" | "clause";
  id: string;
  number?: number;
  label: string;
  pos: number;
}

interface Peer {
  clientId: number;
  name: string;
  delegation: string;
  color: string;
  clauseId: string | null;
}

export function CharterEditor({ draftId, title, canEdit, user, commentAbilities }: { draftId: string; title: string; canEdit: boolean; user: EditorUser; commentAbilities: CommentAbilities }) {
  const t = useTranslations("editor");
  const session = useCollabSession(draftId, canEdit ? "rw" : "ro");
  // The server's answer for this session follows role changes; the page's answer is the start.
  const editable = session ? session.mode === "rw" : canEdit;
  return (
    <div className="editor-page">
      <div className="editor-header">
        <h1>{title}</h1>
        <DraftTabs draftId={draftId} title={title} current="text" />
        <ConnectionBadge state={session?.state ?? "connecting"} readOnly={!editable} />
        <ExportMenu draftId={draftId} />
      </div>
      {session?.notice && <p className="notice" role="status" data-testid="access-notice">{t(`accessNotice.${session.notice}`)}</p>}
      {!editable && <p className="notice" role="note">{t("readOnly")}</p>}
      {session?.ready ? (
        <LiveEditor
          key={session.generation}
          doc={session.doc}
          provider={session.provider}
          canEdit={editable}
          user={user}
          draftId={draftId}
          commentAbilities={{ ...commentAbilities, edit: editable }}
        />
      ) : (
        <p role="status">{session?.state === "denied" ? t("status.denied") : t("loading")}</p>
      )}
    </div>
  );
}

/** Always in view (fixed to the window's corner), and says what this person's typing does. */
function ConnectionBadge({ state, readOnly }: { state: ConnectionState; readOnly: boolean }) {
  const t = useTranslations("editor.status");
  const message = readOnly && state === "connected" ? "connectedReadOnly" : readOnly && state === "offline" ? "offlineReadOnly" : state;
  return (
    <p className={`connection connection-${state}`} role="status" aria-live="polite" data-testid="connection-status" data-state={state} data-mode={readOnly ? "ro" : "rw"}>
      {t(message)}
    </p>
  );
}

function LiveEditor({ doc, provider, canEdit, user, draftId, commentAbilities }: { doc: Y.Doc; provider: WebsocketProvider; canEdit: boolean; user: EditorUser; draftId: string; commentAbilities: CommentAbilities }) {
  const t = useTranslations("editor");
  const tCite = useTranslations("citations");
  const sources = useSources();
  const sourcesRef = useRef(sources.byId);
  sourcesRef.current = sources.byId;
  const [focusedSource, setFocusedSource] = useState<string | null>(null);
  const tComments = useTranslations("comments");
  const params = useSearchParams();
  const [sideTab, setSideTab] = useState<"sources" | "comments">(params.get("thread") ? "comments" : "sources");
  const [activeThread, setActiveThread] = useState<string | null>(params.get("thread"));
  const { threads: storedThreads, reload: reloadThreads } = useThreads(draftId, provider);
  const [popover, setPopover] = useState<{ item: SourceItem | null; key: string; top: number; left: number } | null>(null);
  const caretUser = useMemo(
    () => ({ id: user.id, name: user.name, delegation: user.delegation, color: colorFor(user.id) }),
    [user],
  );
  const editor = useEditor({
    immediatelyRender: false,
    editable: canEdit,
    extensions: [
      ...charterExtensions(),
      Collaboration.configure({ document: doc }),
      ClauseHighlight,
      CommentHighlights,
      CitationStatus.configure({
        lookup: (id) => {
          if (!sourcesRef.current.size) return "unknown";
          const item = sourcesRef.current.get(id);
          return !item ? "missing" : item.status === "withdrawn" ? "withdrawn" : "active";
        },
        messages: { missing: tCite("missing"), withdrawn: tCite("withdrawn") },
        dragType: CITATION_DRAG_TYPE,
      }),
      CollaborationCaret.configure({
        provider,
        user: caretUser,
        render: (u) => {
          const caret = document.createElement("span");
          caret.className = "collab-caret";
          caret.style.borderColor = u.color;
          const label = document.createElement("span");
          label.className = "collab-caret-label";
          label.style.backgroundColor = u.color;
          label.textContent = u.delegation ? `${u.name} · ${u.delegation}` : u.name; // text, never HTML
          caret.append(label);
          return caret;
        },
      }),
    ],
  });

  // The server's editable flag is set at creation; role changes switch it on the live editor.
  useEffect(() => {
    if (editor && editor.isEditable !== canEdit) editor.setEditable(canEdit);
  }, [editor, canEdit]);

  const threads = useLiveThreadStatus(editor, storedThreads);
  const [outline, setOutline] = useState<OutlineEntry[]>([]);
  useCommentHighlights(editor, threads, activeThread);

  // Clicking highlighted text opens its thread.
  useEffect(() => {
    if (!editor) return;
    const onClick = (e: Event) => {
      const mark = (e.target as Element).closest("[data-thread-id]");
      if (!mark) return;
      setActiveThread(mark.getAttribute("data-thread-id"));
      setSideTab("comments");
    };
    editor.view.dom.addEventListener("click", onClick);
    return () => editor.view.dom.removeEventListener("click", onClick);
  }, [editor]);

  // Flags appear once the library is loaded.
  useEffect(() => {
    if (editor && sources.loaded) editor.view.dispatch(editor.state.tr.setMeta(REFRESH_CITATION_STATUS, true));
  }, [editor, sources.loaded]);

  // ?clause=<id> (reverse links from the Sources page) scrolls to that article once.
  const wantedClause = params.get("clause");
  useEffect(() => {
    if (!editor || !wantedClause) return;
    let target = -1;
    editor.state.doc.forEach((node, pos) => {
      if (node.type.name === NODE.clause && node.attrs.clauseId === wantedClause) target = pos;
    });
    if (target < 0) return;
    editor.chain().focus().setTextSelection(target + 2).setMeta(HIGHLIGHT_CLAUSE, wantedClause).scrollIntoView().run();
  }, [editor, wantedClause]);

  // Hover, keyboard focus or selection of a citation shows its source; a click opens it in the panel.
  useEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    const show = (el: Element | null) => {
      const cite = el?.closest("cite.citation") as HTMLElement | null;
      if (!cite) return setPopover(null);
      const id = cite.getAttribute("data-source-item-id") ?? "";
      const rect = cite.getBoundingClientRect();
      setPopover({ item: sourcesRef.current.get(id) ?? null, key: cite.getAttribute("data-key") ?? "", top: rect.bottom + window.scrollY + 6, left: rect.left + window.scrollX });
    };
    const over = (e: Event) => show(e.target as Element);
    const click = (e: Event) => {
      const cite = (e.target as Element).closest("cite.citation");
      if (cite) {
        setFocusedSource(cite.getAttribute("data-source-item-id"));
        setSideTab("sources");
      }
    };
    const onSelection = () => {
      const sel = editor.state.selection;
      if (sel instanceof NodeSelection && sel.node.type.name === NODE.citation) show(editor.view.nodeDOM(sel.from) as Element);
    };
    dom.addEventListener("mouseover", over);
    dom.addEventListener("focusin", over);
    dom.addEventListener("click", click);
    editor.on("selectionUpdate", onSelection);
    return () => {
      dom.removeEventListener("mouseover", over);
      dom.removeEventListener("focusin", over);
      dom.removeEventListener("click", click);
      editor.off("selectionUpdate", onSelection);
    };
  }, [editor]);
  const [peers, setPeers] = useState<Peer[]>([]);

  // Outline and "which clause am I in" follow the document and the selection.
  useEffect(() => {
    if (!editor) return;
    const refresh = () => setOutline(buildOutline(editor));
    const publishClause = () => {
      const here = currentTopLevel(editor.state);
      const clauseId = here?.node.type.name === NODE.clause ? (here.node.attrs.clauseId as string) : null;
      if (provider.awareness.getLocalState()?.clauseId !== clauseId) provider.awareness.setLocalStateField("clauseId", clauseId);
    };
    refresh();
    editor.on("update", refresh);
    editor.on("selectionUpdate", publishClause);
    return () => {
      editor.off("update", refresh);
      editor.off("selectionUpdate", publishClause);
    };
  }, [editor, provider]);

  useEffect(() => {
    const read = () =>
      setPeers(
        [...provider.awareness.getStates().entries()]
          .filter(([, s]) => s.user)
          .map(([clientId, s]) => ({
            clientId,
            name: String(s.user.name ?? "?"),
            delegation: String(s.user.delegation ?? ""),
            color: String(s.user.color ?? "#888"),
            clauseId: (s.clauseId as string | null) ?? null,
          })),
      );
    read();
    provider.awareness.on("change", read);
    return () => provider.awareness.off("change", read);
  }, [provider]);

  if (!editor) return <p role="status">{t("loading")}</p>;
  return (
    <div className="editor-layout">
      <aside className="outline" aria-label={t("outline")}>
        <h2>{t("present")}</h2>
        <ul className="avatars" data-testid="presence">
          {peers.map((p) => (
            <li key={p.clientId} title={p.delegation ? `${p.name} · ${p.delegation}` : p.name} style={{ backgroundColor: p.color }}>
              {initials(p.name)}
              <span className="sr-only">{p.name}</span>
            </li>
          ))}
        </ul>
        <h2>{t("outline")}</h2>
        <ol className="outline-list" data-testid="outline">
          {outline.map((entry) => {
            const here = peers.filter((p) => entry.kind === "clause" && p.clauseId === entry.id && p.clientId !== provider.doc.clientID);
            return (
              <li key={`${entry.kind}-${entry.id}`} className={`outline-${entry.kind}`}>
                <button type="button" className="link-button" onClick={() => editor.chain().focus().setTextSelection(entry.pos + 2).scrollIntoView().run()}>
                  {entry.kind === "clause" ? `${t("article", { number: entry.number! })} — ${entry.label || t("untitled")}` : entry.label || "…"}
                </button>
                {here.length > 0 && (
                  <span className="outline-peers" style={{ color: here[0].color }}>
                    {t("editingHere", { names: here.map((p) => p.name).join(", ") })}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </aside>
      <div className="editor-main">
        {canEdit && <Toolbar editor={editor} />}
        <EditorContent editor={editor} className="charter" data-testid="charter-editor" />
        {popover && <CitationPopover item={popover.item} keyLabel={popover.key} top={popover.top} left={popover.left} onClose={() => setPopover(null)} />}
      </div>
      <div className="side-panel">
        <div className="side-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={sideTab === "sources"} onClick={() => setSideTab("sources")}>{tComments("sourcesTab")}</button>
          <button type="button" role="tab" aria-selected={sideTab === "comments"} onClick={() => setSideTab("comments")}>
            {tComments("tab")} ({threads.filter((th) => th.status !== "resolved").length})
          </button>
        </div>
        {sideTab === "sources" ? (
          <SourcesPanel editor={editor} items={sources.items} canEdit={canEdit} focusedId={focusedSource} onFocus={setFocusedSource} />
        ) : (
          <CommentsPanel editor={editor} draftId={draftId} threads={threads} reload={reloadThreads} can={commentAbilities} activeId={activeThread} onActivate={setActiveThread} />
        )}
      </div>
    </div>
  );
}

function CitationPopover({ item, keyLabel, top, left, onClose }: { item: SourceItem | null; keyLabel: string; top: number; left: number; onClose: () => void }) {
  const tS = useTranslations("sources");
  const tC = useTranslations("citations");
  return (
    <div className="citation-popover" role="tooltip" style={{ top, left }} data-testid="citation-popover" onMouseLeave={onClose}>
      <strong>{item?.key ?? keyLabel}</strong>
      {item ? (
        <>
          {" · "}{tS(`kinds.${item.kind}`)}
          {item.status === "withdrawn" && <p className="warn">{tC("withdrawn")}</p>}
          <p lang="en">{item.title ? `${item.title} — ` : ""}{item.text}</p>
          <p className="muted">{item.section}{item.actors.length ? ` · ${item.actors.join(", ")}` : ""}</p>
        </>
      ) : (
        <p className="warn">{tC("missing")}</p>
      )}
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const t = useTranslations("editor.toolbar");
  const tEditor = useTranslations("editor");
  const tCite = useTranslations("citations");
  const buttons: { key: string; label: string; run: () => boolean; active?: boolean }[] = [
    { key: "bold", label: t("bold"), run: () => editor.chain().focus().toggleBold().run(), active: editor.isActive("bold") },
    { key: "italic", label: t("italic"), run: () => editor.chain().focus().toggleItalic().run(), active: editor.isActive("italic") },
    { key: "bulletList", label: t("bulletList"), run: () => editor.chain().focus().toggleBulletList().run() },
    { key: "orderedList", label: t("orderedList"), run: () => editor.chain().focus().toggleOrderedList().run() },
    { key: "undo", label: t("undo"), run: () => editor.chain().focus().undo().run() },
    { key: "redo", label: t("redo"), run: () => editor.chain().focus().redo().run() },
    { key: "addClause", label: t("addClause"), run: () => editor.chain().focus().addClause().run() },
    { key: "addChapter", label: t("addChapter"), run: () => editor.chain().focus().addChapter().run() },
    { key: "split", label: t("split"), run: () => editor.chain().focus().splitClause().run() },
    { key: "merge", label: t("merge"), run: () => editor.chain().focus().mergeClauseWithPrevious().run() },
    { key: "moveUp", label: t("moveUp"), run: () => editor.chain().focus().moveClause("up").run() },
    { key: "moveDown", label: t("moveDown"), run: () => editor.chain().focus().moveClause("down").run() },
    {
      key: "delete",
      label: t("delete"),
      run: () => {
        const only = onlyCitationsIn(editor);
        const question = only.length ? tCite("onlyCitation", { keys: only.join(", ") }) : tEditor("confirmDelete");
        return window.confirm(question) ? editor.chain().focus().deleteClause().run() : false;
      },
    },
  ];
  return (
    <div className="toolbar" role="toolbar" aria-label="Editor">
      {buttons.map((b) => (
        <button key={b.key} type="button" data-action={b.key} aria-pressed={b.active ?? undefined} onMouseDown={(e) => e.preventDefault()} onClick={() => b.run()}>
          {b.label}
        </button>
      ))}
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

function buildOutline(editor: Editor): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  let number = 0;
  editor.state.doc.forEach((node, pos) => {
    if (node.type.name === NODE.chapter) entries.push({ kind: "chapter", id: `ch-${pos}`, label: node.textContent, pos: pos - 1 });
    else if (node.type.name === NODE.clause) {
      number++;
      entries.push({ kind: "clause", id: String(node.attrs.clauseId), number, label: node.firstChild?.textContent ?? "", pos });
    }
  });
  return entries;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}
