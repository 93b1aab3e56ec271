// Versions of a draft: automatic checkpoints and named drafts ("Draft 1 for the plenary"),
// comparison of any two, per-clause history with authors, and restore through the live document.
//
// Storage decision: each version keeps the full Yjs state and the ProseMirror JSON of each text
// (docJson English, docJsonFr French, null for versions without French text), all deflated.
// The live documents keep Yjs garbage collection on, so no version depends on deleted content
// surviving in the live document; `npm run bench:history` measures what this costs.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import * as Y from "yjs";
import { getSchema } from "@tiptap/core";
import { updateYFragment, yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import { db } from "@/server/db/client";
import { readVersionDoc, readVersionDocFr, versionsRepo } from "@/server/db/repositories/versions";
import { compareQuerySchema, namedVersionSchema, type CompareLang, type VersionSummary } from "@/lib/contracts/versions";
import { fragmentOf, FRAGMENT, TEXT_LANGS, type TextLang } from "@/lib/editor/languages";
import { draftStateRepo, draftsRepo } from "@/server/db/repositories/drafts";
import { amendmentLabel } from "@/lib/contracts/amendments";
import { charterExtensions } from "@/lib/editor/extensions";
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

/** A version's (or the live document's) articles in each language. */
type Texts = Record<TextLang, ClauseSnapshot[]>;

/**
 * The articles of a state in both languages. Without French text (versions from before the
 * Charter was bilingual) the French articles are empty ones of the same structure, so French
 * compares as "not yet written" rather than as added articles.
 */
function textsOfState(state: Uint8Array, hasFrench: boolean): Texts {
  const doc = docFromState(state);
  const en = readClauses(doc);
  const fr = hasFrench ? readClauses(doc, "fr") : en.map((c) => ({ ...c, chapter: null, heading: "", text: "", citations: [] }));
  doc.destroy();
  return { en, fr };
}

/** The one rule for "this version has a French text": it was stored with its French JSON. */
const hasFrenchText = (row: { docJsonFr: Uint8Array | null }) => row.docJsonFr !== null;
const textsOfRow = (row: { yjsState: Uint8Array; docJsonFr: Uint8Array | null }) => textsOfState(storedState(row), hasFrenchText(row));

/** The deflated ProseMirror JSON of one language's text; null for an empty French fragment (no French text). */
function docJsonOf(doc: Y.Doc, lang: TextLang): Buffer | null {
  if (lang === "fr" && fragmentOf(doc, "fr").length === 0) return null;
  return deflateRawSync(JSON.stringify(yDocToProsemirrorJSON(doc, FRAGMENT[lang])));
}
const sameBytes = (a: Uint8Array | null, b: Uint8Array | null) => (a === null || b === null ? a === b : Buffer.from(a).equals(Buffer.from(b)));

const storedState = (row: { yjsState: Uint8Array }) => new Uint8Array(inflateRawSync(row.yjsState));
async function saveVersion(
  draftId: string,
  state: Uint8Array,
  meta: { kind: "auto" | "named" | "restore"; name: string | null; note: string | null; authorId: string | null; touched: Record<string, string[]>; restoredFrom?: VersionSummary["restoredFrom"]; reason?: string; amendmentId?: string },
) {
  const client = db();
  const doc = docFromState(state);
  const docJson = docJsonOf(doc, "en")!;
  const docJsonFr = docJsonOf(doc, "fr");
  doc.destroy();
  const texts = textsOfState(state, docJsonFr !== null);
  const previous = await versionsRepo.latest(client, draftId);
  // An automatic checkpoint of unchanged texts adds nothing.
  if (meta.kind === "auto" && previous && sameBytes(previous.docJson, docJson) && sameBytes(previous.docJsonFr, docJsonFr)) return null;
  const before = previous ? textsOfRow(previous) : { en: [], fr: [] };
  const [english, french] = TEXT_LANGS.map((lang) => compareClauses(before[lang], texts[lang]));
  const diff = english.summary; // articles added and removed, and citations: the shared structure, read in English
  // Articles whose text changed in each language; `changed` counts those changed in either.
  const [changedEn, changedFr] = [english, french].map((c) => c.changes.filter((change) => change.kind === "changed").map((change) => change.clauseId));
  const summary: VersionSummary = {
    added: diff.added,
    removed: diff.removed,
    changed: new Set([...changedEn, ...changedFr]).size,
    changedByLang: { en: changedEn.length, fr: changedFr.length },
    hasFrench: docJsonFr !== null,
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
    docJsonFr,
    summary,
    authorId: meta.authorId,
    amendmentId: meta.amendmentId ?? null,
  });
}

/**
 * An automatic checkpoint, taken by the collaboration server. `versionedSeq`: the stored updates
 * the state holds (Draft.versionedSeq, recorded even when the texts did not change, so the other
 * app processes know this moment is versioned).
 */
export async function createAutoVersion(draftId: string, state: Uint8Array, touched: Record<string, string[]>, reason: string, versionedSeq?: number) {
  if (!(await draftsRepo.exists(db(), draftId))) return null;
  const version = await saveVersion(draftId, state, { kind: "auto", name: null, note: null, authorId: null, touched, reason });
  if (versionedSeq !== undefined) await draftStateRepo.markVersioned(db(), draftId, versionedSeq);
  return version;
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
    summary: { added: summary.added, removed: summary.removed, changed: summary.changed, citationsAdded: summary.citationsAdded, citationsRemoved: summary.citationsRemoved, restoredFrom: summary.restoredFrom ?? null, changedByLang: summary.changedByLang ?? null },
    hasFrench: summary.hasFrench ?? false,
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
  const texts = textsOfRow(row);
  const hasFrench = hasFrenchText(row);
  return { ...toVersionDto(row), hasFrench, doc: readVersionDoc(row), clauses: texts.en, docFr: readVersionDocFr(row), clausesFr: hasFrench ? texts.fr : null };
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
  lang: CompareLang;
  from: { id: string; kind: string; name: string | null; createdAt: Date; restoredFrom: NonNullable<VersionSummary["restoredFrom"]> | null; hasFrench: boolean };
  to: { id: string; kind: string; name: string | null; createdAt: Date | null; restoredFrom: NonNullable<VersionSummary["restoredFrom"]> | null; hasFrench: boolean };
  /** Each compared text's comparison; `summary` and `changes` repeat the first (English for "both"). */
  texts: Partial<Record<TextLang, Comparison>>;
  /** clauseId → people who changed it between the two versions. */
  authors: Record<string, string[]>;
  /** clauseId → amendments applied by the versions after `from` up to `to`, oldest first. */
  amendments: Record<string, AcceptedAmendmentEntry[]>;
}

/** Which version a restore version brought back (screens name restore versions from it). */
function restoredFromOf(row: { summary: VersionSummary }): NonNullable<VersionSummary["restoredFrom"]> | null {
  return row.summary.restoredFrom ?? null;
}

/**
 * Compares two versions (`to` may be "current") in English, French or both: clause changes,
 * word diffs, citations, authors. A version without French text compares as empty French articles.
 */
export async function compareVersions(actor: Actor | null, draftId: string, query: unknown): Promise<ComparisonWithAuthors> {
  authorize(actor, "draft:read");
  const { from, to, lang } = parseInput(compareQuerySchema, query);
  const client = db();
  const fromRow = await versionsRepo.find(client, draftId, from);
  if (!fromRow) throw notFound("The version to compare from");
  const toRow = to === "current" ? null : await versionsRepo.find(client, draftId, to);
  if (to !== "current" && !toRow) throw notFound("The version to compare to");
  if (toRow && toRow.createdAt < fromRow.createdAt) throw new DomainError("invalid", "Compare an earlier version with a later one.");
  const fromTexts = textsOfRow(fromRow);
  const toTexts = toRow ? textsOfRow(toRow) : textsOfState(await currentDraftState(draftId), true);
  const langs: TextLang[] = lang === "both" ? ["en", "fr"] : [lang];
  const texts: Partial<Record<TextLang, Comparison>> = Object.fromEntries(langs.map((l) => [l, compareClauses(fromTexts[l], toTexts[l])]));
  const comparison = texts[langs[0]]!;

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
  for (const change of langs.flatMap((l) => texts[l]!.changes)) {
    if (change.kind === "unchanged" && !change.moved) continue;
    authors[change.clauseId] = [...(touched.get(change.clauseId) ?? [])].map((id) => names.get(id) ?? id);
  }
  const amendments = Object.fromEntries(comparison.changes.filter((c) => accepted.has(c.clauseId)).map((c) => [c.clauseId, accepted.get(c.clauseId)!]));
  return {
    ...comparison,
    lang,
    texts,
    from: { id: fromRow.id, kind: fromRow.kind, name: fromRow.name, createdAt: fromRow.createdAt, restoredFrom: restoredFromOf(fromRow), hasFrench: hasFrenchText(fromRow) },
    to: toRow
      ? { id: toRow.id, kind: toRow.kind, name: toRow.name, createdAt: toRow.createdAt, restoredFrom: restoredFromOf(toRow), hasFrench: hasFrenchText(toRow) }
      : { id: "current", kind: "current", name: null, createdAt: null, restoredFrom: null, hasFrench: true },
    authors,
    amendments,
  };
}

/**
 * "How did Article 4 come to read like this?": the clause's successive texts in both languages
 * with authors, one entry per version where either text changed, naming which one(s).
 */
export async function clauseHistory(actor: Actor | null, draftId: string, clauseId: string) {
  authorize(actor, "draft:read");
  if (!(await draftsRepo.exists(db(), draftId))) throw notFound("The draft");
  const rows = await versionsRepo.withStates(db(), draftId);
  const entries: { versionId: string; kind: string; name: string | null; restoredFrom: NonNullable<VersionSummary["restoredFrom"]> | null; createdAt: Date; number: number | null; heading: string | null; text: string | null; fr: { heading: string; text: string } | null; changedLangs: TextLang[]; authors: string[]; amendments: AcceptedAmendmentEntry[] }[] = [];
  // "heading\ntext" of the article in each language as last listed (undefined before the first entry).
  const previous: Partial<Record<TextLang, string | null>> = {};
  // French changed when its text did; an absent article reads as an empty one, so a version from
  // before French, or an article still untranslated, does not count as a French change.
  const frenchOf = (v: string | null | undefined) => v ?? "\n";
  const names = await namesOf([...new Set(rows.flatMap((r) => Object.values(r.summary.touched).flat()))]);
  for (const row of rows) {
    const texts = textsOfRow(row);
    const clause = texts.en.find((c) => c.clauseId === clauseId) ?? null;
    const french = texts.fr.find((c) => c.clauseId === clauseId) ?? null;
    const current: Record<TextLang, string | null> = {
      en: clause ? `${clause.heading}\n${clause.text}` : null,
      fr: french ? `${french.heading}\n${french.text}` : null,
    };
    const changedLangs = TEXT_LANGS.filter((l) => (l === "en" ? current.en !== previous.en : frenchOf(current.fr) !== frenchOf(previous.fr)));
    if (changedLangs.length === 0) continue; // only versions where this clause changed
    Object.assign(previous, current);
    const touched = row.summary.touched[clauseId] ?? [];
    // The amendment whose acceptance made this version, when it amended this article.
    const linked = acceptedIn(row);
    const amendments = linked?.clauseId === clauseId ? [linked.entry] : [];
    entries.push({
      versionId: row.id,
      kind: row.kind,
      name: row.name,
      restoredFrom: restoredFromOf(row),
      createdAt: row.createdAt,
      number: clause?.number ?? null,
      heading: clause?.heading ?? null,
      text: clause?.text ?? null,
      fr: clause && hasFrenchText(row) ? { heading: french?.heading ?? "", text: french?.text ?? "" } : null,
      changedLangs,
      authors: touched.map((id) => names.get(id) ?? id),
      amendments,
    });
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
 * Restores a version as a new change through the live document: each language's Yjs fragment is
 * updated to the old content with the minimal edit y-prosemirror computes, so unchanged clauses
 * keep their identity (and comment anchors), connected editors see it at once, and history
 * records it. A version without French text restores the English text only: the current French
 * text stays, and the collaboration server aligns its structure to the restored English.
 */
export async function restoreVersion(actor: Actor | null, draftId: string, versionId: string) {
  authorize(actor, "version:restore");
  const row = await versionsRepo.find(db(), draftId, versionId);
  if (!row) throw notFound("The version");
  const schema = getSchema(charterExtensions());
  const frenchDoc = readVersionDocFr(row);
  const targets: [TextLang, ReturnType<typeof schema.nodeFromJSON>][] = [["en", schema.nodeFromJSON(readVersionDoc(row))]];
  if (frenchDoc) targets.push(["fr", schema.nodeFromJSON(frenchDoc)]);
  // Before: a version of the current text, so the restore can itself be undone.
  await saveVersion(draftId, await currentDraftState(draftId), { kind: "auto", name: null, note: null, authorId: null, touched: takeTouchedClauses(draftId), reason: "before-restore" });
  await applyDraftChange(
    draftId,
    (state) => {
      const doc = docFromState(state);
      const before = Y.encodeStateVector(doc);
      for (const [lang, target] of targets) updateYFragment(doc, fragmentOf(doc, lang), target, { mapping: new Map(), isOMark: new Map() });
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
