import { inflateRawSync } from "node:zlib";
import type { DbTx } from "../client";
import { readJsonColumn, writeJsonColumn } from "../json-column";
import { pmJsonSchema, versionSummaryColumn, type PMJsonValue, type VersionSummary } from "@/lib/contracts/versions";

const metaSelect = {
  id: true,
  draftId: true,
  kind: true,
  name: true,
  note: true,
  summary: true,
  createdAt: true,
  author: { select: { id: true, name: true, delegation: true } },
  amendment: { select: { id: true, number: true, clauseId: true, status: true, sponsorDelegation: true, decidedAt: true } },
} as const;

/** Versions are ordered by (createdAt, id): two saved in the same millisecond keep their order. */
type VersionPlace = { createdAt: Date; id: string };

/** A version row with its summary read from JSON. */
function readSummary<T extends { summary: string }>(row: T): Omit<T, "summary"> & { summary: VersionSummary } {
  return { ...row, summary: readJsonColumn(versionSummaryColumn, row.summary, "Version.summary") };
}

/** Versions stored before JSON was deflated hold plain UTF-8 JSON; anything else is deflated. */
function storedDocJson(stored: Uint8Array): string {
  const bytes = Buffer.from(stored);
  if (bytes[0] === 0x7b) {
    const text = bytes.toString("utf8");
    try {
      JSON.parse(text);
      return text;
    } catch {
      // deflated data that happens to start with "{"
    }
  }
  return inflateRawSync(bytes).toString("utf8");
}

/** `Version.docJson`: the ProseMirror JSON of the version's text. */
export function readVersionDoc(row: { docJson: Uint8Array }): PMJsonValue {
  return readJsonColumn(pmJsonSchema, storedDocJson(row.docJson), "Version.docJson");
}

/** `Version.docJsonFr`: the ProseMirror JSON of the version's French text; null when it has none. */
export function readVersionDocFr(row: { docJsonFr: Uint8Array | null }): PMJsonValue | null {
  return row.docJsonFr ? readJsonColumn(pmJsonSchema, storedDocJson(row.docJsonFr), "Version.docJsonFr") : null;
}

/** Both texts of a version (ProseMirror JSON); `fr` is null for a version without French text. Null when no such version. */
export async function versionDocs(tx: DbTx, draftId: string, versionId: string): Promise<{ en: PMJsonValue; fr: PMJsonValue | null } | null> {
  const row = await tx.version.findFirst({ where: { id: versionId, draftId }, select: { docJson: true, docJsonFr: true } });
  return row && { en: readVersionDoc(row), fr: readVersionDocFr(row) };
}

export const versionsRepo = {
  create: async (tx: DbTx, data: { draftId: string; kind: string; name: string | null; note: string | null; yjsState: Uint8Array; docJson: Uint8Array; docJsonFr: Uint8Array | null; summary: VersionSummary; authorId: string | null; amendmentId?: string | null }) =>
    readSummary(
      await tx.version.create({
        data: { ...data, yjsState: Buffer.from(data.yjsState), docJson: Buffer.from(data.docJson), docJsonFr: data.docJsonFr && Buffer.from(data.docJsonFr), summary: writeJsonColumn(versionSummaryColumn, data.summary) },
        select: metaSelect,
      }),
    ),
  list: async (tx: DbTx, draftId: string) =>
    (await tx.version.findMany({ where: { draftId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: metaSelect })).map(readSummary),
  find: async (tx: DbTx, draftId: string, id: string) => {
    const row = await tx.version.findFirst({ where: { id, draftId }, select: { ...metaSelect, yjsState: true, docJson: true, docJsonFr: true } });
    return row && readSummary(row);
  },
  /** What a version holds of its French text: the JSON column, and the Yjs state it was saved from. */
  frenchText: (tx: DbTx, draftId: string, id: string) => tx.version.findFirst({ where: { id, draftId }, select: { docJsonFr: true, yjsState: true } }),
  latest: async (tx: DbTx, draftId: string) => {
    const row = await tx.version.findFirst({ where: { draftId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { ...metaSelect, yjsState: true, docJson: true, docJsonFr: true } });
    return row && readSummary(row);
  },
  /**
   * Versions after `from` up to and including `upTo` (every later one when null), oldest first:
   * whose edits, and whose accepted amendments, a comparison covers.
   */
  between: async (tx: DbTx, draftId: string, from: VersionPlace, upTo: VersionPlace | null) =>
    (
      await tx.version.findMany({
        where: {
          draftId,
          AND: [
            { OR: [{ createdAt: { gt: from.createdAt } }, { createdAt: from.createdAt, id: { gt: from.id } }] },
            ...(upTo ? [{ OR: [{ createdAt: { lt: upTo.createdAt } }, { createdAt: upTo.createdAt, id: { lte: upTo.id } }] }] : []),
          ],
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { summary: true, amendment: metaSelect.amendment },
      })
    ).map(readSummary),
  withStates: async (tx: DbTx, draftId: string) =>
    (await tx.version.findMany({ where: { draftId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { ...metaSelect, yjsState: true, docJsonFr: true } })).map(readSummary),
  usersByIds: (tx: DbTx, ids: string[]) => tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, delegation: true } }),
};
