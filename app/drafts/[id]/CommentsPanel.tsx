"use client";
// Comments beside the editor: threads anchored to the text, highlighted live for everyone,
// with replies, mentions, resolve/reopen, edits and deletions of one's own messages.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { Editor } from "@tiptap/react";
import type { WebsocketProvider } from "y-websocket";
import type { CommentAnchor } from "@/lib/comments/anchor";
// Contract types only: the editor page loads no validation library (see app/_components/api.ts).
import type { Thread } from "@/lib/contracts/comments";
import type { Member as MemberRow } from "@/lib/contracts/members";
import { callJson, postJson } from "../../_components/api";
import { CommentBody } from "../../_components/CommentBody";
import { anchorFromSelection, inEditorText, rangeOfAnchor, SET_COMMENT_RANGES, type HighlightRange } from "./comment-anchors";
import type { TextLang } from "@/lib/editor/languages";
import { TextLangTag } from "./TextLangTag";
import { useServerRevision } from "./server-revision";

export type { Thread };
type Message = Thread["comments"][number];

export interface CommentAbilities { userId: string; comment: boolean; edit: boolean; lead: boolean }

/**
 * Threads of the draft, refetched whenever the comment revision changes. The revision is read
 * only from the server's own presence entry (`server: true`): other entries are written by
 * clients and prove nothing.
 */
export function useThreads(draftId: string, provider: WebsocketProvider) {
  const [threads, setThreads] = useState<Thread[]>([]);
  const reload = useCallback(async () => {
    const result = await callJson<Thread[]>(`/api/drafts/${draftId}/comments?status=all`);
    if (result.ok) setThreads(result.data);
  }, [draftId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useServerRevision(provider, "comments", reload);
  return { threads, reload };
}

/**
 * Open and orphaned follow the text as it is in this editor: an edit that deletes the commented
 * words orphans the thread for everyone connected at once (the server decides the same way when
 * it lists threads; see lib/comments/anchor.ts), and undoing it brings the thread back. Only
 * threads on this editor's text (`lang`) are judged here; the others keep the server's status.
 */
export function useLiveThreadStatus(editor: Editor | null, threads: Thread[], lang: TextLang = "en"): Thread[] {
  const [orphaned, setOrphaned] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!editor) return;
    const compute = () => {
      const next = new Set(
        threads.filter((th) => inEditorText(th, lang) && th.status !== "resolved" && !rangeOfAnchor(editor, th.anchor, null)).map((th) => th.id),
      );
      setOrphaned((previous) => (sameSet(previous, next) ? previous : next));
    };
    compute();
    return whenEditorSettles(editor, compute, 150);
  }, [editor, threads, lang]);
  return useMemo(
    () => threads.map((th) => (th.status === "resolved" || !inEditorText(th, lang) ? th : { ...th, status: orphaned.has(th.id) ? "orphaned" : "open" })),
    [threads, orphaned, lang],
  );
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

export function CommentsPanel({ editor, articles, draftId, threads, reload, can, activeId, onActivate, lang = "en" }: {
  editor: Editor;
  /** The text the editor shows: new comments are on it; threads of the other text are listed, tagged, not located here. */
  lang?: TextLang;
  /** The draft's articles in order with their numbers (the outline's). */
  articles: readonly { id: string; number: number }[];
  draftId: string;
  threads: Thread[];
  reload: () => Promise<void>;
  can: CommentAbilities;
  activeId: string | null;
  onActivate: (id: string | null) => void;
}) {
  const t = useTranslations("comments");
  const tE = useTranslations("editor");
  const [status, setStatus] = useState<"open" | "resolved" | "orphaned" | "all">("open");
  const [clause, setClause] = useState("");
  const [author, setAuthor] = useState("");
  const [draftAnchor, setDraftAnchor] = useState<CommentAnchor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);

  useEffect(() => {
    const bump = () => setTick((n) => n + 1);
    editor.on("selectionUpdate", bump);
    document.addEventListener("selectionchange", bump); // read-only editors: the browser's selection
    return () => {
      editor.off("selectionUpdate", bump);
      document.removeEventListener("selectionchange", bump);
    };
  }, [editor]);

  // The panel re-renders with every selection change (the "new comment" button): nothing here
  // may walk the document or list every article again then.
  const numberOf = useMemo(() => new Map(articles.map((c) => [c.id, c.number])), [articles]);
  const clauseOptions = useMemo(() => articles.map((c) => <option key={c.id} value={c.id}>{tE("article", { number: c.number })}</option>), [articles, tE]);
  const needle = author.trim().toLowerCase();
  const visible = threads.filter(
    (th) =>
      (status === "all" || th.status === status) &&
      (!clause || th.clauseId === clause) &&
      (!needle || th.comments.some((m) => m.author.name.toLowerCase().includes(needle) || m.author.delegation.toLowerCase().includes(needle))),
  );
  const selectionAnchor = can.comment ? anchorFromSelection(editor) : null;

  async function post(body: string) {
    if (!draftAnchor) return false;
    setError(null);
    const result = await postJson<Thread>(`/api/drafts/${draftId}/comments`, { anchor: draftAnchor, body, lang });
    if (!result.ok) {
      setError(result.message);
      return false;
    }
    setDraftAnchor(null);
    setStatus("open");
    onActivate(result.data.id);
    await reload();
    return true;
  }

  return (
    <aside className="comments-panel" aria-label={t("panel")} data-testid="comments-panel">
      {can.comment && (
        <div className="comment-new">
          <button type="button" disabled={!selectionAnchor} onMouseDown={(e) => e.preventDefault()} onClick={() => setDraftAnchor(selectionAnchor)}>
            {t("new")}
          </button>
          {!selectionAnchor && !draftAnchor && <span className="hint"> {t("newHint")}</span>}
        </div>
      )}
      {draftAnchor && (
        <div className="composer">
          <p className="muted">{t("composerTitle", { quote: draftAnchor.exact.slice(0, 80) })}</p>
          <Composer placeholder={t("placeholder")} submitLabel={t("post")} onSubmit={post} onCancel={() => setDraftAnchor(null)} />
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <div className="panel-filters">
        <select aria-label={t("filterStatus")} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          {(["open", "resolved", "orphaned", "all"] as const).map((s) => (
            <option key={s} value={s}>{t(`status.${s}`)} ({s === "all" ? threads.length : threads.filter((th) => th.status === s).length})</option>
          ))}
        </select>
        <select aria-label={t("filterClause")} value={clause} onChange={(e) => setClause(e.target.value)}>
          <option value="">{t("anyClause")}</option>
          {clauseOptions}
        </select>
        <input type="search" aria-label={t("filterAuthor")} placeholder={t("filterAuthor")} value={author} onChange={(e) => setAuthor(e.target.value)} />
      </div>
      <p className="muted" role="status">{t("count", { count: visible.length })}</p>
      {visible.length === 0 && <p className="muted">{t("none")}</p>}
      <ul className="threads">
        {visible.map((th) => (
          <ThreadCard
            key={th.id}
            thread={th}
            number={th.clauseId ? numberOf.get(th.clauseId) ?? null : null}
            can={can}
            active={activeId === th.id}
            onActivate={() => {
              onActivate(th.id);
              if (!inEditorText(th, lang)) return; // its passage is in the other text
              const range = rangeOfAnchor(editor, th.anchor, th.clauseId);
              if (range) editor.chain().setTextSelection(range).scrollIntoView().run();
            }}
            onChanged={reload}
            // A selection in this text re-anchors only a thread of this text.
            selectionAnchor={inEditorText(th, lang) ? selectionAnchor : null}
          />
        ))}
      </ul>
    </aside>
  );
}

function ThreadCard({ thread, number, can, active, onActivate, onChanged, selectionAnchor }: {
  thread: Thread;
  number: number | null;
  can: CommentAbilities;
  active: boolean;
  onActivate: () => void;
  onChanged: () => Promise<void>;
  selectionAnchor: CommentAnchor | null;
}) {
  const t = useTranslations("comments");
  const tE = useTranslations("editor");
  const [error, setError] = useState<string | null>(null);
  const mayResolve = can.lead || (can.comment && thread.createdBy.id === can.userId);
  const act = async (run: () => Promise<{ ok: boolean; message?: string }>) => {
    setError(null);
    const result = await run();
    if (!result.ok) setError((result as { message: string }).message);
    await onChanged();
    return result.ok;
  };
  return (
    <li className={`thread thread-${thread.status}${active ? " active" : ""}`} data-testid="thread" data-thread-id={thread.id}>
      <button type="button" className="thread-quote link-button" onClick={onActivate}>
        <TextLangTag lang={thread.lang} />{" "}
        {number !== null && <span className="badge">{tE("article", { number })}</span>} «{thread.anchor.exact || t("wholeClause")}»
      </button>
      {thread.status === "orphaned" && <p className="warn">{t("orphanedHint")}</p>}
      <ol className="messages">
        {thread.comments.map((m) => (
          <MessageItem key={m.id} message={m} mine={m.author.id === can.userId && can.comment} onChanged={onChanged} />
        ))}
      </ol>
      {thread.status === "resolved" && thread.resolvedBy && <p className="muted">{t("resolvedBy", { name: thread.resolvedBy.name })}</p>}
      {can.comment && thread.status !== "resolved" && (
        <Composer
          placeholder={t("replyPlaceholder")}
          submitLabel={t("reply")}
          compact
          onSubmit={(body) => act(() => postJson(`/api/comments/${thread.id}/replies`, { body }))}
        />
      )}
      <div className="thread-actions">
        {mayResolve && thread.status !== "resolved" && (
          <button type="button" className="small" onClick={() => void act(() => callJson(`/api/comments/${thread.id}`, { method: "PATCH", body: { status: "resolved" } }))}>{t("resolve")}</button>
        )}
        {mayResolve && thread.status === "resolved" && (
          <button type="button" className="small" onClick={() => void act(() => callJson(`/api/comments/${thread.id}`, { method: "PATCH", body: { status: "open" } }))}>{t("reopen")}</button>
        )}
        {can.edit && thread.status === "orphaned" && selectionAnchor && (
          <button type="button" className="small" onMouseDown={(e) => e.preventDefault()} onClick={() => void act(() => callJson(`/api/comments/${thread.id}`, { method: "PATCH", body: { anchor: selectionAnchor } }))}>{t("reanchor")}</button>
        )}
      </div>
      {error && <p role="alert" className="error">{error}</p>}
    </li>
  );
}

function MessageItem({ message, mine, onChanged }: { message: Message; mine: boolean; onChanged: () => Promise<void> }) {
  const t = useTranslations("comments");
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <li className="message" data-testid="message">
      <p className="message-head">
        <strong>{message.author.name}</strong>
        {message.author.delegation && <span className="muted"> · {message.author.delegation}</span>}
        {message.editedAt && !message.deleted && <span className="muted"> {t("edited")}</span>}
      </p>
      {message.deleted ? (
        <p className="muted">{t("deleted")}</p>
      ) : editing ? (
        <Composer
          initial={message.body}
          placeholder=""
          submitLabel={t("save")}
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            const result = await callJson(`/api/comments/messages/${message.id}`, { method: "PATCH", body: { body } });
            if (!result.ok) {
              setError(result.message);
              return false;
            }
            setEditing(false);
            await onChanged();
            return true;
          }}
        />
      ) : (
        <div className="message-body"><CommentBody body={message.body} /></div>
      )}
      {mine && !message.deleted && !editing && (
        <p className="message-actions">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>{t("edit")}</button>
          <button
            type="button"
            className="link-button"
            onClick={async () => {
              if (!window.confirm(t("confirmDelete"))) return;
              const result = await callJson(`/api/comments/messages/${message.id}`, { method: "DELETE" });
              if (!result.ok) setError(result.message);
              await onChanged();
            }}
          >
            {t("delete")}
          </button>
        </p>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </li>
  );
}

type Member = Thread["createdBy"];
let membersCache: Promise<Member[]> | null = null;
const loadMembers = () =>
  (membersCache ??= callJson<MemberRow[]>("/api/members").then((r) => (r.ok ? r.data.filter((m) => m.active) : [])));

/** A comment box with @mention suggestions: picking one inserts @[Name](user:id). */
function Composer({ placeholder, submitLabel, onSubmit, onCancel, initial = "", compact = false }: {
  placeholder: string;
  submitLabel: string;
  onSubmit: (body: string) => Promise<boolean>;
  onCancel?: () => void;
  initial?: string;
  compact?: boolean;
}) {
  const t = useTranslations("comments");
  const [text, setText] = useState(initial);
  const [members, setMembers] = useState<Member[]>([]);
  const [query, setQuery] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    void loadMembers().then(setMembers);
  }, []);
  const onInput = (value: string) => {
    setText(value);
    const caret = area.current?.selectionStart ?? value.length;
    const m = /@([\p{L}\p{M}' -]{0,30})$/u.exec(value.slice(0, caret));
    setQuery(m ? m[1].toLowerCase() : null);
  };
  const suggestions = query === null ? [] : members.filter((m) => m.name.toLowerCase().includes(query) || m.delegation.toLowerCase().includes(query)).slice(0, 6);
  const pick = (m: Member) => {
    const caret = area.current?.selectionStart ?? text.length;
    const before = text.slice(0, caret).replace(/@[\p{L}\p{M}' -]{0,30}$/u, `@[${m.name}](user:${m.id}) `);
    setText(before + text.slice(caret));
    setQuery(null);
    area.current?.focus();
  };
  return (
    <form
      className={`composer-form${compact ? " compact" : ""}`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim() || busy) return;
        setBusy(true);
        const ok = await onSubmit(text);
        setBusy(false);
        if (ok && !initial) setText("");
      }}
    >
      <textarea ref={area} value={text} placeholder={placeholder} aria-label={placeholder || submitLabel} maxLength={5000} rows={compact ? 2 : 3} onChange={(e) => onInput(e.target.value)} />
      {suggestions.length > 0 && (
        <ul className="mention-suggestions" role="listbox">
          {suggestions.map((m) => (
            <li key={m.id} role="option" aria-selected={false}>
              <button type="button" className="link-button" onMouseDown={(e) => e.preventDefault()} onClick={() => pick(m)}>
                {m.name}{m.delegation ? ` · ${m.delegation}` : ""}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-actions">
        <button type="submit" className="small" disabled={busy || !text.trim()}>{submitLabel}</button>
        {onCancel && <button type="button" className="link-button" onClick={onCancel}>{t("cancel")}</button>}
      </div>
    </form>
  );
}

/** Recomputes the highlighted ranges of open threads on this editor's text (`lang`). */
export function useCommentHighlights(editor: Editor | null, threads: Thread[], activeId: string | null, lang: TextLang = "en") {
  useEffect(() => {
    if (!editor) return;
    const compute = () => {
      const ranges: HighlightRange[] = [];
      for (const th of threads) {
        if (th.status !== "open" || !inEditorText(th, lang)) continue;
        const range = rangeOfAnchor(editor, th.anchor, th.clauseId);
        if (range) ranges.push({ threadId: th.id, ...range, active: th.id === activeId });
      }
      editor.view.dispatch(editor.state.tr.setMeta(SET_COMMENT_RANGES, ranges).setMeta("addToHistory", false));
    };
    compute();
    // Remote edits can move text a lot; recompute from the anchors after the document settles.
    return whenEditorSettles(editor, compute, 300);
  }, [editor, threads, activeId, lang]);
}

/** Runs `compute` once the document has stopped changing for `delayMs`; returns the cleanup. */
function whenEditorSettles(editor: Editor, compute: () => void, delayMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(compute, delayMs);
  };
  editor.on("update", later);
  return () => {
    if (timer) clearTimeout(timer);
    editor.off("update", later);
  };
}
