// Which articles an update touches, in which language, so history can say who changed which
// clause and alignment who changed which language's text. Inserted content is looked up after the
// update is applied, deleted content before; the Yjs item's parent chain leads to its clause
// element, and on to the language's fragment.
import * as Y from "yjs";
import { NODE } from "@/lib/editor/schema";
import { langOfFragment, type TextLang } from "@/lib/editor/languages";

/** One language's text of one article: "en|cl-…" or "fr|cl-…". */
export type TextKey = `${TextLang}|${string}`;

export function splitTextKey(key: TextKey): { lang: TextLang; clauseId: string } {
  const bar = key.indexOf("|");
  return { lang: key.slice(0, bar) as TextLang, clauseId: key.slice(bar + 1) };
}

function langOf(type: Y.AbstractType<unknown>): TextLang | null {
  const doc = type.doc;
  if (!doc) return null;
  for (const [name, root] of doc.share) if (root === type) return langOfFragment(name);
  return null;
}

const MAX_LOOKUPS = 2000; // bounds the cost of a large offline resync

function textKeyAt(doc: Y.Doc, id: Y.ID): TextKey | null {
  let struct: Y.Item | Y.GC;
  try {
    struct = Y.getItem(doc.store, id) as Y.Item | Y.GC;
  } catch {
    return null;
  }
  let item: Y.Item | null = struct instanceof Y.Item ? struct : null;
  while (item) {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    if (parent instanceof Y.XmlElement && parent.nodeName === NODE.clause) {
      const clauseId = String(parent.getAttribute("clauseId") ?? "");
      const lang = parent._item ? langOf(parent._item.parent as Y.AbstractType<unknown>) : null;
      return clauseId && lang ? `${lang}|${clauseId}` : null;
    }
    item = parent._item;
  }
  return null;
}

/** Article texts whose content this update deletes (call before applying it). */
export function textsDeletedBy(doc: Y.Doc, update: { ds: { clients: Map<number, { clock: number; len: number }[]> } }): Set<TextKey> {
  const out = new Set<TextKey>();
  let budget = MAX_LOOKUPS;
  for (const [client, ranges] of update.ds.clients) {
    for (const range of ranges) {
      if (budget-- <= 0) return out;
      const key = textKeyAt(doc, Y.createID(client, range.clock));
      if (key) out.add(key);
    }
  }
  return out;
}

/** Article texts this update inserted into (call after applying it). */
export function textsInsertedBy(doc: Y.Doc, update: { structs: { id: Y.ID }[] }): Set<TextKey> {
  const out = new Set<TextKey>();
  for (const struct of update.structs.slice(0, MAX_LOOKUPS)) {
    if (!(struct instanceof Y.Item)) continue;
    const key = textKeyAt(doc, struct.id);
    if (key) out.add(key);
  }
  return out;
}
