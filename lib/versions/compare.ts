// Comparing two versions of the Charter, clause by clause. Clauses are matched by clauseId (stable
// across edits, moves and renumbering); inside a changed clause, a word-level diff (the `diff`
// library) shows what changed; citation changes are listed on their own.
import { diffWordsWithSpace } from "diff";
import type { ClauseSnapshot } from "../editor/ydoc";

export type ClauseChangeKind = "added" | "removed" | "changed" | "unchanged";

export interface WordPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface ClauseChange {
  clauseId: string;
  kind: ClauseChangeKind;
  fromNumber: number | null;
  toNumber: number | null;
  /** The clause's position among the clauses both versions share changed. */
  moved: boolean;
  renumbered: boolean;
  fromHeading: string | null;
  toHeading: string | null;
  fromText: string | null;
  toText: string | null;
  headingDiff: WordPart[] | null;
  textDiff: WordPart[] | null;
  citationsAdded: string[];
  citationsRemoved: string[];
  /** For an added clause cut from another: the clause it was split from. */
  splitFrom: string | null;
  /** For a removed clause whose text went into another: the clause it was merged into. */
  mergedInto: string | null;
}

export interface Comparison {
  changes: ClauseChange[];
  summary: {
    added: number;
    removed: number;
    changed: number;
    moved: number;
    renumbered: number;
    citationsAdded: number;
    citationsRemoved: number;
  };
}

/** Ids of the longest common subsequence of two id lists: those did not move relative to each other. */
function stableIds(a: string[], b: string[]): Set<string> {
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const keep = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      keep.add(a[i]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return keep;
}

const citationKeys = (c: ClauseSnapshot | undefined) => [...new Set((c?.citations ?? []).map((r) => r.key))];
const normalise = (s: string) => s.replace(/\[[^\]]*\]/g, "").replace(/\s+/g, " ").trim();

function wordDiff(from: string, to: string): WordPart[] {
  return diffWordsWithSpace(from, to).map((p) => ({ value: p.value, ...(p.added ? { added: true } : {}), ...(p.removed ? { removed: true } : {}) }));
}

export function compareClauses(from: ClauseSnapshot[], to: ClauseSnapshot[]): Comparison {
  const fromById = new Map(from.map((c) => [c.clauseId, c]));
  const toById = new Map(to.map((c) => [c.clauseId, c]));
  const sharedFrom = from.filter((c) => toById.has(c.clauseId)).map((c) => c.clauseId);
  const sharedTo = to.filter((c) => fromById.has(c.clauseId)).map((c) => c.clauseId);
  const stable = stableIds(sharedFrom, sharedTo);

  const changes: ClauseChange[] = [];
  const order = [...to.map((c) => c.clauseId), ...from.filter((c) => !toById.has(c.clauseId)).map((c) => c.clauseId)];
  for (const clauseId of order) {
    const a = fromById.get(clauseId);
    const b = toById.get(clauseId);
    const fromCites = citationKeys(a);
    const toCites = citationKeys(b);
    const sameText = a && b && a.text === b.text && a.heading === b.heading;
    const kind: ClauseChangeKind = !a ? "added" : !b ? "removed" : sameText ? "unchanged" : "changed";
    changes.push({
      clauseId,
      kind,
      fromNumber: a?.number ?? null,
      toNumber: b?.number ?? null,
      moved: !!a && !!b && !stable.has(clauseId),
      renumbered: !!a && !!b && a.number !== b.number,
      fromHeading: a?.heading ?? null,
      toHeading: b?.heading ?? null,
      fromText: a?.text ?? null,
      toText: b?.text ?? null,
      headingDiff: kind === "changed" && a!.heading !== b!.heading ? wordDiff(a!.heading, b!.heading) : null,
      textDiff: kind === "changed" && a!.text !== b!.text ? wordDiff(a!.text, b!.text) : null,
      citationsAdded: toCites.filter((k) => !fromCites.includes(k)),
      citationsRemoved: fromCites.filter((k) => !toCites.includes(k)),
      splitFrom: null,
      mergedInto: null,
    });
  }

  // Splits and merges: text that moved between clauses, recognised by containment.
  for (const change of changes) {
    if (change.kind === "added" && normalise(change.toText ?? "")) {
      const piece = normalise(change.toText!);
      const source = changes.find((c) => c.kind === "changed" && normalise(c.fromText ?? "").includes(piece) && !normalise(c.toText ?? "").includes(piece));
      if (source) change.splitFrom = source.clauseId;
    }
    if (change.kind === "removed" && normalise(change.fromText ?? "")) {
      const piece = normalise(change.fromText!);
      const target = changes.find((c) => c.kind === "changed" && normalise(c.toText ?? "").includes(piece) && !normalise(c.fromText ?? "").includes(piece));
      if (target) change.mergedInto = target.clauseId;
    }
  }

  const count = (f: (c: ClauseChange) => boolean) => changes.filter(f).length;
  return {
    changes,
    summary: {
      added: count((c) => c.kind === "added"),
      removed: count((c) => c.kind === "removed"),
      changed: count((c) => c.kind === "changed"),
      moved: count((c) => c.moved),
      renumbered: count((c) => c.renumbered),
      citationsAdded: changes.reduce((n, c) => n + c.citationsAdded.length, 0),
      citationsRemoved: changes.reduce((n, c) => n + c.citationsRemoved.length, 0),
    },
  };
}
