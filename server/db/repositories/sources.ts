import type { DbTx } from "../client";
import { readJsonColumn, writeJsonColumn } from "../json-column";
import { actorsColumn } from "@/lib/contracts/sources";

const sourceItemSelect = {
  id: true,
  key: true,
  kind: true,
  section: true,
  subsection: true,
  panel: true,
  title: true,
  actors: true,
  text: true,
  order: true,
  status: true,
  documentId: true,
} as const;

type StoredItem = Omit<SourceItemRow, "actors"> & { actors: string };

/** `actors` is stored as JSON text; callers see the list. */
const readItem = (row: StoredItem): SourceItemRow => ({ ...row, actors: readJsonColumn(actorsColumn, row.actors, "SourceItem.actors") });

export type SourceItemRow = {
  id: string;
  key: string;
  kind: string;
  section: string | null;
  subsection: string | null;
  panel: number | null;
  title: string | null;
  actors: string[];
  text: string;
  order: number;
  status: string;
  documentId: string;
};

type SourceItemData = Omit<SourceItemRow, "id" | "documentId" | "status">;

export const sourcesRepo = {
  findDocument: (tx: DbTx, keyPrefix: string) =>
    tx.sourceDocument.findUnique({ where: { keyPrefix }, select: { id: true, sourceHash: true, title: true } }),
  listDocuments: (tx: DbTx) =>
    tx.sourceDocument.findMany({
      select: { id: true, keyPrefix: true, title: true, language: true, importedAt: true, _count: { select: { items: true } } },
      orderBy: { importedAt: "asc" },
    }),
  upsertDocument: (tx: DbTx, data: { keyPrefix: string; title: string; language: string; sourceHash: string }) =>
    tx.sourceDocument.upsert({
      where: { keyPrefix: data.keyPrefix },
      create: data,
      update: { title: data.title, language: data.language, sourceHash: data.sourceHash, importedAt: new Date() },
      select: { id: true },
    }),
  itemsOfDocument: async (tx: DbTx, documentId: string): Promise<SourceItemRow[]> =>
    (await tx.sourceItem.findMany({ where: { documentId }, select: sourceItemSelect })).map(readItem),
  createItem: (tx: DbTx, documentId: string, item: SourceItemData) =>
    tx.sourceItem.create({ data: { ...item, actors: writeJsonColumn(actorsColumn, item.actors), documentId }, select: { id: true } }),
  updateItem: (tx: DbTx, id: string, item: SourceItemData) =>
    tx.sourceItem.update({ where: { id }, data: { ...item, actors: writeJsonColumn(actorsColumn, item.actors), status: "active" }, select: { id: true } }),
  withdrawItems: (tx: DbTx, ids: string[]) =>
    tx.sourceItem.updateMany({ where: { id: { in: ids } }, data: { status: "withdrawn" } }),
  listItems: async (tx: DbTx, where: { kind?: string; section?: string; includeWithdrawn?: boolean }): Promise<SourceItemRow[]> =>
    (await tx.sourceItem.findMany({
      where: {
        kind: where.kind,
        section: where.section,
        status: where.includeWithdrawn ? undefined : "active",
      },
      select: sourceItemSelect,
      orderBy: [{ documentId: "asc" }, { order: "asc" }],
    })).map(readItem),
  findItem: async (tx: DbTx, id: string): Promise<SourceItemRow | null> => {
    const row = await tx.sourceItem.findUnique({ where: { id }, select: sourceItemSelect });
    return row && readItem(row);
  },
};
