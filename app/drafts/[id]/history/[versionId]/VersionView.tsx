"use client";
import { EditorContent, useEditor } from "@tiptap/react";
import type { JSONContent } from "@tiptap/core";
import { charterExtensions } from "@/lib/editor/extensions";

/** A stored version, read-only, numbered as it was. */
export function VersionView({ doc }: { doc: unknown }) {
  const editor = useEditor({ immediatelyRender: false, editable: false, extensions: charterExtensions(), content: doc as JSONContent });
  return <EditorContent editor={editor} className="charter" data-testid="version-view" />;
}
