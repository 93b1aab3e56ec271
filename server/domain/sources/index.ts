// The source library: the meeting's challenges, good practices, recommendations and conclusions.
import { db } from "@/server/db/client";
import { sourcesRepo, type SourceItemRow } from "@/server/db/repositories/sources";
import { sourceQuerySchema } from "@/lib/contracts/sources";
import type { SourceItemFields, SourceKind } from "@/lib/sources";
import { hasActor, matchesWords, searchWords } from "@/lib/search";
import type { Actor } from "../actor";
import { notFound } from "../errors";
import { authorize } from "../permissions";
import { parseInput } from "../validate";

export interface SourceItemDto extends SourceItemFields {
  id: string;
  /** active | withdrawn */
  status: string;
  documentId: string;
}

export function toSourceItemDto(row: SourceItemRow): SourceItemDto {
  return { ...row, kind: row.kind as SourceKind };
}

/**
 * Full-text search over the items (every word must occur, accents and case ignored) with
 * filters by kind, section and actor. The library holds hundreds of items, not millions, so
 * filtering in memory is fast and works the same on SQLite and PostgreSQL.
 */
export async function searchSources(actor: Actor | null, query: unknown): Promise<SourceItemDto[]> {
  authorize(actor, "source:read");
  const q = parseInput(sourceQuerySchema, query);
  const rows = await sourcesRepo.listItems(db(), { kind: q.kind, section: q.section, includeWithdrawn: q.status === "all" });
  const words = searchWords(q.q);
  return rows
    .map(toSourceItemDto)
    .filter((item) => matchesWords(item, words) && hasActor(item, q.actor));
}

export async function getSource(actor: Actor | null, id: string): Promise<SourceItemDto> {
  authorize(actor, "source:read");
  const row = await sourcesRepo.findItem(db(), id);
  if (!row) throw notFound("The source item");
  return toSourceItemDto(row);
}

/** Values for the filters of the Sources page. */
export async function sourceFacets(actor: Actor | null) {
  authorize(actor, "source:read");
  const items = (await sourcesRepo.listItems(db(), {})).map(toSourceItemDto);
  const sections = [...new Set(items.map((i) => i.section).filter((s): s is string => !!s))];
  const actors = [...new Set(items.flatMap((i) => i.actors))].sort((a, b) => a.localeCompare(b));
  const documents = await sourcesRepo.listDocuments(db());
  return { sections, actors, documents };
}
