"use client";
import { EditorContent, useEditor } from "@tiptap/react";
import type { JSONContent } from "@tiptap/core";
import { useTranslations } from "next-intl";
import { charterExtensions } from "@/lib/editor/extensions";

/** A stored version, read-only, numbered as it was. */
export function VersionView({ doc }: { doc: unknown }) {
  const t = useTranslations("editor");
  const editor = useEditor({
    immediatelyRender: false,
    editable: false,
    editorProps: { attributes: { role: "textbox", "aria-multiline": "true", "aria-readonly": "true", "aria-label": t("textLabel") } },
    extensions: charterExtensions(),
    content: doc as JSONContent,
  });
  return <EditorContent editor={editor} className="charter" data-testid="version-view" />;
}
