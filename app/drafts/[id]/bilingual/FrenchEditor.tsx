"use client";
// The French text's editor: the same Y.Doc and provider as the English one, bound to the "fr"
// fragment. Mounted only while a view shows the French text (and only once that fragment holds
// content: useCollabSession's frenchReady), and hands its editor up for the toolbar and rows.
import { useEffect } from "react";
import { useTranslations } from "next-intl";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { REFRESH_HEADING_PLACEHOLDER } from "../heading-placeholder";
import { REFRESH_CITATION_STATUS } from "../citation-status";
import { textboxAttributes, textExtensions, type TextEditorSetup } from "./text-extensions";
import { CommentHighlights } from "../comment-anchors";
import { BracketedPassages } from "../bracket-decorations";
import { AmendmentDecorations } from "../amendments/amendment-decorations";

export function FrenchEditor({ setup, canEdit, hintKey, sourcesLoaded, onEditor, onFocus }: { setup: TextEditorSetup; canEdit: boolean; hintKey: string; sourcesLoaded: boolean; onEditor: (editor: Editor | null) => void; onFocus: () => void }) {
  const t = useTranslations("bilingual");
  const editor = useEditor({
    immediatelyRender: false,
    editable: canEdit,
    editorProps: { attributes: textboxAttributes(t("frenchTextLabel"), "fr") },
    // Drawn from CharterEditor with lang "fr" (useCommentHighlights, useAmendmentDecorations, BracketTools).
    extensions: [...textExtensions("fr", setup), CommentHighlights, BracketedPassages, AmendmentDecorations],
  });

  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  useEffect(() => {
    if (editor && editor.isEditable !== canEdit) editor.setEditable(canEdit);
  }, [editor, canEdit]);

  useEffect(() => {
    if (!editor) return;
    editor.on("focus", onFocus);
    return () => {
      editor.off("focus", onFocus);
    };
  }, [editor, onFocus]);

  useEffect(() => {
    if (editor) editor.view.dispatch(editor.state.tr.setMeta(REFRESH_HEADING_PLACEHOLDER, true));
  }, [editor, hintKey]);

  useEffect(() => {
    if (editor && sourcesLoaded) editor.view.dispatch(editor.state.tr.setMeta(REFRESH_CITATION_STATUS, true));
  }, [editor, sourcesLoaded]);

  if (!editor) return <p role="status">{t("loadingFrench")}</p>;
  return <EditorContent editor={editor} className="charter charter-fr" data-testid="charter-editor-fr" />;
}
