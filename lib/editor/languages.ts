// The Charter's two texts. One Y.Doc holds one Y.XmlFragment per language: English stays in the
// y-prosemirror default fragment (existing clients keep working), French lives in "fr". Both
// share the article structure (lib/editor/align-languages.ts keeps them so).
import type * as Y from "yjs";
import { YDOC_FIELD } from "./schema";

export const TEXT_LANGS = ["en", "fr"] as const;
export type TextLang = (typeof TEXT_LANGS)[number];

/** The Y.XmlFragment name of each language's text. */
export const FRAGMENT: Record<TextLang, string> = { en: YDOC_FIELD, fr: "fr" };

export function isTextLang(value: unknown): value is TextLang {
  return value === "en" || value === "fr";
}

export function otherLang(lang: TextLang): TextLang {
  return lang === "en" ? "fr" : "en";
}

/** The language a fragment holds (null for a type that is no language's text). */
export function langOfFragment(name: string): TextLang | null {
  return name === FRAGMENT.en ? "en" : name === FRAGMENT.fr ? "fr" : null;
}

export function fragmentOf(doc: Y.Doc, lang: TextLang): Y.XmlFragment {
  return doc.getXmlFragment(FRAGMENT[lang]);
}
