// Coverage arithmetic: which source items the Charter cites, which it deliberately leaves aside,
// and which it has not addressed yet. Pure, shared by the API, the page and the tests.
import type { SourceKind } from "./sources";

export type CoverageStatus = "cited" | "not_addressed" | "uncovered";

export interface CoverageItemInput {
  id: string;
  key: string;
  kind: SourceKind;
  section: string | null;
  status: string; // active | withdrawn
}

export interface CoverageItem {
  sourceItemId: string;
  key: string;
  kind: SourceKind;
  section: string | null;
  clauses: string[];
  status: CoverageStatus;
  /** A cited item that the latest import withdrew: the citation needs a look. */
  withdrawn: boolean;
  decision: { reason: string; decidedBy: string; decidedAt: string } | null;
}

export interface Coverage {
  totals: Record<string, { items: number; cited: number }>;
  /** Share of recommendations and conclusions cited (0..1): the committee's headline figure. */
  recommendationsAndConclusionsCited: number;
  items: CoverageItem[];
}

const STATUS_ORDER: Record<CoverageStatus, number> = { uncovered: 0, not_addressed: 1, cited: 2 };

export function computeCoverage(
  items: CoverageItemInput[],
  citations: { clauseId: string; sourceItemId: string }[],
  decisions: { sourceItemId: string; reason: string; decidedBy: string; decidedAt: string }[],
  clauseOrder: string[],
): Coverage {
  const byItem = new Map<string, Set<string>>();
  for (const c of citations) {
    if (!byItem.has(c.sourceItemId)) byItem.set(c.sourceItemId, new Set());
    byItem.get(c.sourceItemId)!.add(c.clauseId);
  }
  const decisionOf = new Map(decisions.map((d) => [d.sourceItemId, d]));
  const rank = new Map(clauseOrder.map((id, i) => [id, i]));
  const out: CoverageItem[] = [];
  for (const item of items) {
    const clauses = [...(byItem.get(item.id) ?? [])].sort((a, b) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9));
    // Withdrawn items only matter while something still cites them.
    if (item.status === "withdrawn" && clauses.length === 0) continue;
    const decision = decisionOf.get(item.id) ?? null;
    const status: CoverageStatus = clauses.length ? "cited" : decision ? "not_addressed" : "uncovered";
    out.push({
      sourceItemId: item.id,
      key: item.key,
      kind: item.kind,
      section: item.section,
      clauses,
      status,
      withdrawn: item.status === "withdrawn",
      decision: decision ? { reason: decision.reason, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt } : null,
    });
  }
  const totals: Coverage["totals"] = {};
  for (const item of out) {
    if (item.withdrawn) continue;
    totals[item.kind] ??= { items: 0, cited: 0 };
    totals[item.kind].items++;
    if (item.status === "cited") totals[item.kind].cited++;
  }
  const headline = ["recommendation", "conclusion"].reduce(
    (acc, k) => ({ items: acc.items + (totals[k]?.items ?? 0), cited: acc.cited + (totals[k]?.cited ?? 0) }),
    { items: 0, cited: 0 },
  );
  // Uncovered first, then deliberate omissions, then cited; document order within each.
  const sorted = out
    .map((item, index) => ({ item, index }))
    .sort((a, b) => STATUS_ORDER[a.item.status] - STATUS_ORDER[b.item.status] || a.index - b.index)
    .map((x) => x.item);
  return { totals, recommendationsAndConclusionsCited: headline.items ? headline.cited / headline.items : 0, items: sorted };
}
