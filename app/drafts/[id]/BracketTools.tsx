"use client";
// Bracketed passages in the open editor: fetched from the server and refetched on its
// "amendments" revision, drawn by the BracketedPassages decorations; the chair and the
// secretariat bracket the selected passage (with an optional note) and remove brackets.
import { useCallback, useEffect, useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { Editor } from "@tiptap/react";
import type { WebsocketProvider } from "y-websocket";
import type { Bracket } from "@/lib/contracts/brackets"; // type only: no zod on the editor page
import { callJson, postJson } from "../../_components/api";
import { useServerRevision } from "./server-revision";
import { anchorFromSelection, inEditorText, rangeOfAnchor } from "./comment-anchors";
import type { TextLang } from "@/lib/editor/languages";
import { TextLangTag } from "./TextLangTag";
import { SET_BRACKET_RANGES, type BracketRange } from "./bracket-decorations";
import type { CommentAnchor } from "@/lib/comments/anchor";

function useBrackets(draftId: string, provider: WebsocketProvider) {
  const [brackets, setBrackets] = useState<Bracket[]>([]);
  const reload = useCallback(async () => {
    const result = await callJson<Bracket[]>(`/api/drafts/${draftId}/brackets`);
    if (result.ok) setBrackets(result.data);
  }, [draftId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useServerRevision(provider, "amendments", reload);
  return { brackets, reload };
}

/** `lang`: the text this editor shows; it draws that text's brackets and brackets passages of it. */
export function BracketTools({ editor, draftId, provider, canBracket, lang = "en" }: { editor: Editor; draftId: string; provider: WebsocketProvider; canBracket: boolean; lang?: TextLang }) {
  const t = useTranslations("phase.brackets");
  const { brackets, reload } = useBrackets(draftId, provider);
  const noteId = useId();
  const [pending, setPending] = useState<CommentAnchor | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);

  // Draw the brackets, and again once remote edits settle (positions move with the text).
  useEffect(() => {
    const draw = () => {
      const ranges: BracketRange[] = [];
      for (const b of brackets) {
        if (!inEditorText(b, lang)) continue;
        const range = rangeOfAnchor(editor, b.anchor, b.clauseId);
        const label = b.note ? t("labelWithNote", { name: b.createdBy.name, note: b.note }) : t("label", { name: b.createdBy.name });
        if (range) ranges.push({ id: b.id, ...range, label });
      }
      editor.view.dispatch(editor.state.tr.setMeta(SET_BRACKET_RANGES, ranges).setMeta("addToHistory", false));
    };
    draw();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(draw, 300);
    };
    editor.on("update", later);
    return () => {
      if (timer) clearTimeout(timer);
      editor.off("update", later);
    };
  }, [editor, brackets, t, lang]);

  if (!canBracket) return null;
  const place = async () => {
    if (!pending) return;
    const result = await postJson<Bracket>(`/api/drafts/${draftId}/brackets`, { anchor: pending, note, lang });
    if (!result.ok) return setError(result.message);
    setPending(null);
    setNote("");
    setError(null);
    void reload();
  };
  const remove = async (id: string) => {
    const result = await callJson(`/api/brackets/${id}`, { method: "DELETE" });
    if (!result.ok) return setError(result.message);
    setError(null);
    void reload();
  };
  return (
    <div className="bracket-tools" data-testid="bracket-tools">
      {pending ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void place();
          }}
        >
          <span className="bracket-quote">[{pending.exact}]</span>
          <label htmlFor={noteId}>{t("note")}</label>
          <input id={noteId} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <button type="submit">{t("place")}</button>
          <button type="button" onClick={() => setPending(null)}>{t("cancel")}</button>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => {
            const anchor = anchorFromSelection(editor);
            if (!anchor) return setError(t("selectFirst"));
            setError(null);
            setPending(anchor);
          }}
        >
          {t("bracket")}
        </button>
      )}
      {brackets.length > 0 && (
        <details>
          <summary>{t("list", { count: brackets.length })}</summary>
          <ul>
            {brackets.map((b) => (
              <li key={b.id}>
                <TextLangTag lang={b.lang} /> <span>[{b.anchor.exact}]</span>{b.note && <span> — {b.note}</span>}{" "}
                <button type="button" onClick={() => void remove(b.id)}>{t("remove")}</button>
              </li>
            ))}
          </ul>
        </details>
      )}
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
