// Which clauses an update touches, so history can say who changed which clause. Inserted content
// is looked up after the update is applied, deleted content before; the Yjs item's parent chain
// leads to its clause element.
import * as Y from "yjs";
import { NODE } from "@/lib/editor/schema";

const MAX_LOOKUPS = 2000; // bounds the cost of a large offline resync

function clauseIdAt(doc: Y.Doc, id: Y.ID): string | null {
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
    if (parent instanceof Y.XmlElement && parent.nodeName === NODE.clause) return String(parent.getAttribute("clauseId") ?? "") || null;
    item = parent._item;
  }
  return null;
}

/** Clauses whose content this update deletes (call before applying it). */
export function clausesDeletedBy(doc: Y.Doc, update: { ds: { clients: Map<number, { clock: number; len: number }[]> } }): Set<string> {
  const out = new Set<string>();
  let budget = MAX_LOOKUPS;
  for (const [client, ranges] of update.ds.clients) {
    for (const range of ranges) {
      if (budget-- <= 0) return out;
      const clauseId = clauseIdAt(doc, Y.createID(client, range.clock));
      if (clauseId) out.add(clauseId);
    }
  }
  return out;
}

/** Clauses this update inserted into (call after applying it). */
export function clausesInsertedBy(doc: Y.Doc, update: { structs: { id: Y.ID }[] }): Set<string> {
  const out = new Set<string>();
  for (const struct of update.structs.slice(0, MAX_LOOKUPS)) {
    if (!(struct instanceof Y.Item)) continue;
    const clauseId = clauseIdAt(doc, struct.id);
    if (clauseId) out.add(clauseId);
  }
  return out;
}
