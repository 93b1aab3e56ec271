// Versions of a draft: automatic checkpoints and named drafts ("Draft 1 for the plenary"),
// comparison of any two, per-clause history with authors, and restore through the live document.
//
// Storage decision: each version keeps the full Yjs state and the ProseMirror JSON, both deflated.
// The live documents keep Yjs garbage collection on, so no version depends on deleted content
// surviving in the live document; `npm run bench:history` measures what this costs.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import * as Y from "yjs";
import { getSchema } from "@tiptap/core";
import { updateYFragment, yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import { db } from "@/server/db/client";
import { readVersionDoc, versionsRepo } from "@/server/db/repositories/versions";
import { compareQuerySchema, namedVersionSchema, type VersionSummary } from "@/lib/contracts/versions";
import { draftsRepo } from "@/server/db/repositories/drafts";
import { amendmentLabel } from "@/lib/contracts/amendments";
import { charterExtensions } from "@/lib/editor/extensions";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { readClauses, type ClauseSnapshot } from "@/lib/editor/ydoc";
import { compareClauses, type Comparison } from "@/lib/versions/compare";
import type { Actor } from "../actor";
import { DomainError, notFound } from "../errors";
import { authorize } from "../permissions";
import { recordAudit } from "../audit/record";
import { parseInput } from "../validate";
import { applyDraftChange, currentDraftState, takeTouchedClauses } from "../live-documents";

function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

const clausesOfState = (state: Uint8Array): ClauseSnapshot[] => {
  const doc = docFromState(state);
  const clauses = readClauses(doc);
  doc.destroy();
  return clauses;
};

const storedState = (row: { yjsState: Uint8Array }) => new Uint8Array(inflateRawSync(row.yjsState));
async function saveVersion(
  draftId: string,
  state: Uint8Array,
  meta: { kind: "auto" | "named" | "restore"; name: string | null; note: string | null; authorId: string | null; touched: Record<string, string[]>; restoredFrom?: VersionSummary["restoredFrom"]; reason?: string; amendmentId?: string },
) {
  const client = db();
  const doc = docFromState(state);
  const docJson = deflateRawSync(JSON.stringify(yDocToProsemirrorJSON(doc, YDOC_FIELD)));
  const clauses = readClauses(doc);
  doc.destroy();
  const previous = await versionsRepo.latest(client, draftId);
  // An automatic checkpoint of unchanged text adds nothing.
  if (meta.kind === "auto" && previous && Buffer.from(previous.docJson).equals(docJson)) return null;
  const diff = compareClauses(previous ? clausesOfState(storedState(previous)) : [], clauses).summary;
  const summary: VersionSummary = {
    added: diff.added,
    removed: diff.removed,
    changed: diff.changed,
    citationsAdded: diff.citationsAdded,
    citationsRemoved: diff.citationsRemoved,
    touched: meta.touched,
    ...(meta.restoredFrom ? { restoredFrom: meta.restoredFrom } : {}),
    ...(meta.reason ? { reason: meta.reason } : {}),
  };
  return versionsRepo.create(client, {
    draftId,
    kind: meta.kind,
    name: meta.name,
    note: meta.note,
    yjsState: deflateRawSync(state),
    docJson,
    summary,
    authorId: meta.authorId,
    amendmentId: meta.amendmentId ?? null,
  });
}

/** An automatic checkpoint, taken by the collaboration server. */
export async function createAutoVersion(draftId: string, state: Uint8Array, touched: Record<string, string[]>, reason: string) {
  if (!(await draftsRepo.exists(db(), draftId))) return null;
  return saveVersion(draftId, state, { kind: "auto", name: null, note: null, authorId: null, touched, reason });
}

export async function createNamedVersion(actor: Actor | null, draftId: string, input: unknown) {
  authorize(actor, "version:name");
  const { name, note } = parseInput(namedVersionSchema, input);
  if (!(await draftsRepo.exists(db(), draftId))) throw notFound("The draft");
  const state = await currentDraftState(draftId);
  const version = await saveVersion(draftId, state, { kind: "named", name, note: note || null, authorId: actor.id, touched: takeTouchedClauses(draftId) });
  await recordAudit(db(), actor, "version.name", { type: "draft", id: draftId }, { versionId: version!.id, name });
  return toVersionDto(version!);
}

function toVersionDto(row: { id: string; kind: string; name: string | null; note: string | null; summary: VersionSummary; createdAt: Date; author: { id: string; name: string; delegation: string } | null; amendment: { id: string; number: number | null; sponsorDelegation: string } | null }) {
  const summary = row.summary;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    note: row.note,
    createdAt: row.createdAt,
    author: row.author ? { name: row.author.name, delegation: row.author.delegation } : null,
    amendment: row.amendment ? { id: row.amendment.id, number: amendmentLabel(row.amendment.number ?? 0), delegation: row.amendment.sponsorDelegation } : null,
    summary: { added: summary.added, removed: summary.removed, changed: summary.changed, citationsAdded: summary.citationsAdded, citationsRemoved: summary.citationsRemoved, restoredFrom: summary.restoredFrom ?? null },
    editors: [...new Set(Object.values(summary.touched).flat())],
  };
}
export type VersionDto = ReturnType<typeof toVersionDto>;

async function namesOf(ids: string[]) {
  const users = await versionsRepo.usersByIds(db(), ids);
  return new Map(users.map((u) => [u.id, u.delegation ? `${u.name} (${u.delegation})` : u.name]));
}

export async function listVersions(actor: Actor | null, draftId: string) {
  authorize(actor, "draft:read");
  if (!(await draftsRepo.exists(db(), draftId))) throw notFound("The draft");
  const rows = await versionsRepo.list(db(), draftId);
  const dtos = rows.map(toVersionDto).reverse();
  const names = await namesOf([...new Set(dtos.flatMap((d) => d.editors))]);
  return dtos.map((d) => ({ ...d, editors: d.editors.map((id) => names.get(id) ?? id) }));
}

export async function getVersion(actor: Actor | null, draftId: string, versionId: string) {
  authorize(actor, "draft:read");
  const row = await versionsRepo.find(db(), draftId, versionId);
  if (!row) throw notFound("The version");
  return { ...toVersionDto(row), doc: readVersionDoc(row), clauses: clausesOfState(storedState(row)) };
}

type LinkedAmendment = { number: number | null; clauseId: string; status: string; sponsorDelegation: string; decidedAt: Date | null };
type AcceptedAmendmentEntry = { number: string; delegation: string; status: "accepted" | "accepted_modified"; at: Date };

/**
 * The amendment whose acceptance made this version, as history names it ("AM-012 (Senegal)
 * accepted"). The one rule for history: an amendment changed the text in the version linked to
 * it when it was applied (applyWithVersions below), never by comparing decision times.
 */
function acceptedIn(version: { amendment: LinkedAmendment | null }): { clauseId: string; entry: AcceptedAmendmentEntry } | null {
  const a = version.amendment;
  if (!a || a.number === null || a.decidedAt === null || (a.status !== "accepted" && a.status !== "accepted_modified")) return null;
  return { clauseId: a.clauseId, entry: { number: amendmentLabel(a.number), delegation: a.sponsorDelegation, status: a.status, at: a.decidedAt } };
}

export interface ComparisonWithAuthors extends Comparison {
  from: { id: string; kind: string; name: string | null; createdAt: Date; restoredFrom: NonNullable<VersionSummary["restoredFrom"]> | null };
  to: { id: string; kind: string; name: string | null; createdAt: Date | null; restoredFrom: NonNullable<VersionSummary["restoredFrom"]> | null };
  /** clauseId → people who changed it between the two versions. */
  authors: Record<string, string[]>;
  /** clauseId → amendments applied by the versions after `from` up to `to`, oldest first. */
  amendments: Record<string, AcceptedAmendmentEntry[]>;
}

/** Which version a restore version brought back (screens name restore versions from it). */
function restoredFromOf(row: { summary: VersionSummary }): NonNullable<VersionSummary["restoredFrom"]> | null {
  return row.summary.restoredFrom ?? null;
}

/** Compares two versions (`to` may be "current"): clause changes, word diffs, citations, authors. */
export async function compareVersions(actor: Actor | null, draftId: string, query: unknown): Promise<ComparisonWithAuthors> {
  authorize(actor, "draft:read");
  const { from, to } = parseInput(compareQuerySchema, query);
  const client = db();
  const fromRow = await versionsRepo.find(client, draftId, from);
  if (!fromRow) throw notFound("The version to compare from");
  const toRow = to === "current" ? null : await versionsRepo.find(client, draftId, to);
  if (to !== "current" && !toRow) throw notFound("The version to compare to");
  if (toRow && toRow.createdAt < fromRow.createdAt) throw new DomainError("invalid", "Compare an earlier version with a later one.");
  const toState = toRow ? storedState(toRow) : await currentDraftState(draftId);
  const comparison = compareClauses(clausesOfState(storedState(fromRow)), clausesOfState(toState));

  const touched = new Map<string, Set<string>>();
  const accepted = new Map<string, AcceptedAmendmentEntry[]>();
  for (const v of await versionsRepo.between(client, draftId, fromRow, toRow)) {
    for (const [clauseId, users] of Object.entries(v.summary.touched)) {
      for (const u of users) (touched.get(clauseId) ?? touched.set(clauseId, new Set()).get(clauseId)!).add(u);
    }
    const linked = acceptedIn(v);
    if (linked) (accepted.get(linked.clauseId) ?? accepted.set(linked.clauseId, []).get(linked.clauseId)!).push(linked.entry);
  }
  const names = await namesOf([...new Set([...touched.values()].flatMap((s) => [...s]))]);
  const authors: Record<string, string[]> = {};
  for (const change of comparison.changes) {
    if (change.kind === "unchanged" && !change.moved) continue;
    authors[change.clauseId] = [...(touched.get(change.clauseId) ?? [])].map((id) => names.get(id) ?? id);
  }
  const amendments = Object.fromEntries(comparison.changes.filter((c) => accepted.has(c.clauseId)).map((c) => [c.clauseId, accepted.get(c.clauseId)!]));
  return {
    ...comparison,
    from: { id: fromRow.id, kind: fromRow.kind, name: fromRow.name, createdAt: fromRow.createdAt, restoredFrom: restoredFromOf(fromRow) },
    to: toRow
      ? { id: toRow.id, kind: toRow.kind, name: toRow.name, createdAt: toRow.createdAt, restoredFrom: restoredFromOf(toRow) }
      : { id: "current", kind: "current", name: null, createdAt: null, restoredFrom: null },
    authors,
    amendments,
  };
}

/** "How did Article 4 come to read like this?": the clause's successive texts with authors. */
export async function clauseHistory(actor: Actor | null, draftId: string, clauseId: string) {
  authorize(actor, "draft:read");
  if (!(await draftsRepo.exists(db(), draftId))) throw notFound("The draft");
  const rows = await versionsRepo.withStates(db(), draftId);
  const entries: { versionId: string; kind: string; name: string | null; restoredFrom: NonNullable<VersionSummary["restoredFrom"]> | null; createdAt: Date; number: number | null; heading: string | null; text: string | null; authors: string[]; amendments: AcceptedAmendmentEntry[] }[] = [];
  let previousText: string | null | undefined;
  const names = await namesOf([...new Set(rows.flatMap((r) => Object.values(r.summary.touched).flat()))]);
  for (const row of rows) {
    const clause = clausesOfState(storedState(row)).find((c) => c.clauseId === clauseId) ?? null;
    const text = clause ? `${clause.heading}\n${clause.text}` : null;
    if (text === previousText) continue; // only versions where this clause changed
    previousText = text;
    const touched = row.summary.touched[clauseId] ?? [];
    // The amendment whose acceptance made this version, when it amended this article.
    const linked = acceptedIn(row);
    const amendments = linked?.clauseId === clauseId ? [linked.entry] : [];
    entries.push({ versionId: row.id, kind: row.kind, name: row.name, restoredFrom: restoredFromOf(row), createdAt: row.createdAt, number: clause?.number ?? null, heading: clause?.heading ?? null, text: clause?.text ?? null, authors: touched.map((id) => names.get(id) ?? id), amendments });
  }
  return entries;
}

/**
 * Applies an accepted amendment through the live document (`change` as for restore) between two
 * versions: an automatic one of the text before, so the acceptance can be undone, and a named one
 * linked to the amendment, so history shows which amendment changed the text. `change` may throw
 * (an outdated passage): then nothing is applied and no version is made after it.
 */
export async function applyWithVersions(actor: Actor, draftId: string, change: (state: Uint8Array) => Uint8Array, after: { name: string; amendmentId: string }) {
  await saveVersion(draftId, await currentDraftState(draftId), { kind: "auto", name: null, note: null, authorId: null, touched: takeTouchedClauses(draftId), reason: "before-amendment" });
  await applyDraftChange(draftId, change, actor.id);
  const version = await saveVersion(draftId, await currentDraftState(draftId), {
    kind: "named",
    name: after.name,
    note: null,
    authorId: actor.id,
    touched: takeTouchedClauses(draftId),
    amendmentId: after.amendmentId,
  });
  return version!.id;
}

/**
 * Restores a version as a new change through the live document: the Yjs fragment is updated to
 * the old content with the minimal edit y-prosemirror computes, so unchanged clauses keep their
 * identity (and comment anchors), connected editors see it at once, and history records it.
 */
export async function restoreVersion(actor: Actor | null, draftId: string, versionId: string) {
  authorize(actor, "version:restore");
  const row = await versionsRepo.find(db(), draftId, versionId);
  if (!row) throw notFound("The version");
  const schema = getSchema(charterExtensions());
  const target = schema.nodeFromJSON(readVersionDoc(row));
  // Before: a version of the current text, so the restore can itself be undone.
  await saveVersion(draftId, await currentDraftState(draftId), { kind: "auto", name: null, note: null, authorId: null, touched: takeTouchedClauses(draftId), reason: "before-restore" });
  await applyDraftChange(
    draftId,
    (state) => {
      const doc = docFromState(state);
      const before = Y.encodeStateVector(doc);
      updateYFragment(doc, doc.getXmlFragment(YDOC_FIELD), target, { mapping: new Map(), isOMark: new Map() });
      const update = Y.encodeStateAsUpdate(doc, before);
      doc.destroy();
      return update;
    },
    actor.id,
  );
  const restored = await saveVersion(draftId, await currentDraftState(draftId), {
    kind: "restore",
    name: row.name ? `Restored: ${row.name}` : "Restored",
    note: null,
    authorId: actor.id,
    touched: takeTouchedClauses(draftId),
    restoredFrom: { id: row.id, name: row.name },
  });
  await recordAudit(db(), actor, "version.restore", { type: "draft", id: draftId }, { versionId, restoredVersionId: restored?.id });
  return restored ? toVersionDto(restored) : null;
}
