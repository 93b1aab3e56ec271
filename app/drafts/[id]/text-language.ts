// Which anchored records an editor shows. An editor shows one language's text: it draws, locates
// and judges (orphaned, placed) only the threads, amendments and brackets of that text, and what it
// creates is anchored in that text. Free of editor code, so plain layouts can use it too.
import type { TextLang } from "@/lib/editor/languages";

/** True when an anchored record (thread, amendment, bracket) is in the text an editor shows. */
export function inEditorText(record: { lang: TextLang }, editorLang: TextLang): boolean {
  return record.lang === editorLang;
}
