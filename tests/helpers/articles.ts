// Articles of a Y.Doc by clauseId, in one language's text (tests that write into either text).
import * as Y from "yjs";
import { fragmentOf, type TextLang } from "@/lib/editor/languages";

/** The top-level article element with this clauseId in `lang`'s text; throws when it is not there. */
export function clauseIn(doc: Y.Doc, lang: TextLang, clauseId: string): Y.XmlElement {
  const found = fragmentOf(doc, lang)
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute("clauseId") === clauseId);
  if (!found) throw new Error(`no ${lang} article ${clauseId}`);
  return found as Y.XmlElement;
}
