// The source library: the meeting's challenges, good practices, recommendations and conclusions.
import { db } from "@/server/db/client";
import { sourcesRepo, type SourceItemRow } from "@/server/db/repositories/sources";
import { sourceQuerySchema } from "@/lib/dto";
import type { SourceKind } from "@/lib/sources";
import type { Actor } from "../actor";
import { notFound } from "../errors";
import { authorize } from "../permissions";
import { parseInput } from "../validate";

export interface SourceItemDto {
  id: string;
  key: string;
  kind: SourceKind;
  section: string | null;
  subsection: string | null;
  panel: number | null;
  title: string | null;
  actors: string[];
  text: string;
  order: number;
  status: string;
  documentId: string;
}

export function toSourceItemDto(row: SourceItemRow): SourceItemDto {
  return { ...row, kind: row.kind as SourceKind, actors: JSON.parse(row.actors) as string[] };
}

/** Lower case without accents, so "cote d'ivoire" finds "Côte d'Ivoire" and "refoulement" its forms. */
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[’]/g, "'").toLowerCase();
}

function matchesQuery(item: SourceItemDto, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = foldForSearch([item.key, item.title ?? "", item.text, item.section ?? "", item.subsection ?? "", item.actors.join(" ")].join(" "));
  return words.every((w) => haystack.includes(w));
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
  const words = q.q ? foldForSearch(q.q).split(/\s+/).filter(Boolean) : [];
  const wantedActor = q.actor ? foldForSearch(q.actor) : null;
  return rows
    .map(toSourceItemDto)
    .filter((item) => matchesQuery(item, words))
    .filter((item) => !wantedActor || item.actors.some((a) => foldForSearch(a) === wantedActor));
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
