"use client";
import { EditorContent, useEditor } from "@tiptap/react";
import type { JSONContent } from "@tiptap/core";
import { useTranslations } from "next-intl";
import { charterExtensions } from "@/lib/editor/extensions";

/** One text of a stored version, read-only, numbered as it was. */
export function VersionView({ doc, lang, label }: { doc: unknown; lang: "en" | "fr"; label: string }) {
  const t = useTranslations("editor");
  const editor = useEditor({
    immediatelyRender: false,
    editable: false,
    editorProps: { attributes: { role: "textbox", "aria-multiline": "true", "aria-readonly": "true", "aria-label": `${t("textLabel")} (${label})`, lang } },
    extensions: charterExtensions(),
    content: doc as JSONContent,
  });
  return <EditorContent editor={editor} className="charter" data-testid="version-view" data-lang={lang} />;
}
