// The editor's outline (chapters and numbered articles), derived from the document. It is read
// after every transaction, so it must cost next to nothing when a keystroke changed no heading:
// each top-level node's entry is remembered by node identity (ProseMirror shares unchanged nodes
// between documents), and the list keeps its identity when nothing in it changed, so React does
// not re-render a thousand entries per keystroke. Entries hold no positions (they shift with
// every character typed before them); a click looks the target up instead.
import type { Node as PMNode } from "@tiptap/pm/model";
import { NODE } from "@/lib/editor/schema";

export interface OutlineEntry {
  kind: "chapter" | "clause";
  /** The clause's clauseId, or `ch-<n>` for the n-th chapter. */
  id: string;
  /** Article number (clauses only). */
  number?: number;
  label: string;
}

type TopLevelEntry = { kind: "chapter"; label: string } | { kind: "clause"; clauseId: string; label: string } | null;

const topLevelEntries = new WeakMap<PMNode, TopLevelEntry>();

function entryOf(node: PMNode): TopLevelEntry {
  let entry = topLevelEntries.get(node);
  if (entry === undefined) {
    if (node.type.name === NODE.chapter) entry = { kind: "chapter", label: node.textContent };
    else if (node.type.name === NODE.clause) entry = { kind: "clause", clauseId: String(node.attrs.clauseId), label: node.firstChild?.textContent ?? "" };
    else entry = null;
    topLevelEntries.set(node, entry);
  }
  return entry;
}

export function buildOutline(doc: PMNode): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  let articles = 0;
  let chapters = 0;
  doc.forEach((node) => {
    const entry = entryOf(node);
    if (entry?.kind === "chapter") entries.push({ kind: "chapter", id: `ch-${chapters++}`, label: entry.label });
    else if (entry?.kind === "clause") entries.push({ kind: "clause", id: entry.clauseId, number: ++articles, label: entry.label });
  });
  return entries;
}

export function sameOutline(a: readonly OutlineEntry[], b: readonly OutlineEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.kind !== y.kind || x.id !== y.id || x.number !== y.number || x.label !== y.label) return false;
  }
  return true;
}

/** Where an entry's text starts in `doc` now (inside the chapter title or the article heading), or null. */
export function textStartOf(doc: PMNode, entry: OutlineEntry): number | null {
  let found: number | null = null;
  let chapters = 0;
  doc.forEach((node, pos) => {
    if (found !== null) return;
    if (entry.kind === "clause" && node.type.name === NODE.clause && node.attrs.clauseId === entry.id) found = pos + 2;
    else if (entry.kind === "chapter" && node.type.name === NODE.chapter && `ch-${chapters++}` === entry.id) found = pos + 1;
  });
  return found;
}
