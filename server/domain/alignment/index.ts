// Alignment of the English and French texts, article by article (issue 13). The indexer keeps a
// hash of each language's text per article and who changed it last (alignmentWrites, called by
// the drafts domain in the same write as the clause index); people who may edit the text confirm
// an article as aligned. The status itself is one pure rule: lib/alignment.ts.
import { createHash } from "node:crypto";
import * as Y from "yjs";
import { db, type DbTx } from "@/server/db/client";
import { alignmentRepo } from "@/server/db/repositories/alignment";
import { clauseIndexRepo, draftsRepo, type AlignmentWrite } from "@/server/db/repositories/drafts";
import { alignmentStatus, leadOf, type AlignmentState } from "@/lib/alignment";
import { readClauses } from "@/lib/editor/ydoc";
import type { TextLang } from "@/lib/editor/languages";
import type { Actor } from "../actor";
import { DomainError, notFound } from "../errors";
import { authorize } from "../permissions";
import { currentDraftState, signalDraft } from "../live-documents";
import { recordAudit } from "../audit/record";

/**
 * The hash of one language's text of an article: heading and body as the index reads them
 * (citations appear there as "[key]", so citing another item changes it). "" for an empty text.
 */
export function textHash(heading: string | null, text: string): string {
  if (!heading && !text) return "";
  return createHash("sha256").update(`${heading ?? ""}\u0000${text}`).digest("hex");
}

type PreviousRow = AlignmentState & {
  clauseId: string;
  enChangedAt: Date | null;
  enChangedById: string | null;
  frChangedAt: Date | null;
  frChangedById: string | null;
};

/** The article texts the indexer just read (English columns, then French). */
export interface IndexedTexts {
  clauseId: string;
  heading: string;
  text: string;
  headingFr: string;
  textFr: string;
}

/**
 * What the indexer writes to ArticleAlignment: for each article whose hashes (or lead) changed,
 * its new hashes, the time and author of each language's change (`editors`: "en|<clauseId>" →
 * user id, from the collaboration server; unknown → null), and the lead. `changed` also counts
 * articles that are gone (their rows are deleted with the index rewrite).
 */
export function alignmentWrites(previous: PreviousRow[], articles: IndexedTexts[], editors: ReadonlyMap<string, string>, now: Date) {
  const before = new Map(previous.map((row) => [row.clauseId, row]));
  const writes: AlignmentWrite[] = [];
  for (const article of articles) {
    const prev = before.get(article.clauseId);
    const enHash = textHash(article.heading, article.text);
    const frHash = textHash(article.headingFr, article.textFr);
    const enChanged = enHash !== (prev?.enHash ?? "");
    const frChanged = frHash !== (prev?.frHash ?? "");
    const stamp = (lang: TextLang, changed: boolean, at: Date | null | undefined, by: string | null | undefined) =>
      changed ? { at: now.toISOString(), by: editors.get(`${lang}|${article.clauseId}`) ?? null } : { at: at?.toISOString() ?? null, by: by ?? null };
    const en = stamp("en", enChanged, prev?.enChangedAt, prev?.enChangedById);
    const fr = stamp("fr", frChanged, prev?.frChangedAt, prev?.frChangedById);
    // Both started to differ in one pass (e.g. the demo writes both texts at once): English leads;
    // one of them now: the other one was there first.
    const lead = leadOf(
      { enHash, frHash, confirmedEnHash: prev?.confirmedEnHash ?? null, confirmedFrHash: prev?.confirmedFrHash ?? null, lead: prev?.lead ?? null },
      enChanged && !frChanged ? "fr" : "en",
    );
    if (prev && !enChanged && !frChanged && lead === prev.lead) continue;
    writes.push({ clauseId: article.clauseId, enHash, frHash, enChangedAt: en.at, enChangedById: en.by, frChangedAt: fr.at, frChangedById: fr.by, lead });
  }
  const present = new Set(articles.map((a) => a.clauseId));
  const removed = previous.some((row) => !present.has(row.clauseId));
  return { writes, changed: writes.length > 0 || removed };
}

/** alignmentWrites against the draft's stored rows, now (the indexer's call). */
export async function alignmentWritesFor(tx: DbTx, draftId: string, articles: IndexedTexts[], editors: ReadonlyMap<string, string>) {
  return alignmentWrites(await alignmentRepo.statesOf(tx, draftId), articles, editors, new Date());
}

/** Tells open editors to refetch the alignment (after the indexer or a confirmation changed it). */
export function signalAlignment(draftId: string): void {
  signalDraft(draftId, "alignment");
}

type Person = { id: string; name: string; delegation: string };
type StoredRow = Awaited<ReturnType<typeof alignmentRepo.listWithPeople>>[number];
type ArticleTexts = { clauseId: string; number: number; heading: string | null; text: string; headingFr: string | null; textFr: string };

function entryOf(article: ArticleTexts, row: StoredRow | undefined, state: AlignmentState) {
  const person = (p: Person | null | undefined) => (p ? { id: p.id, name: p.name, delegation: p.delegation } : null);
  return {
    clauseId: article.clauseId,
    number: article.number,
    status: alignmentStatus(state),
    en: { heading: article.heading ?? "", text: article.text, changedAt: row?.enChangedAt ?? null, changedBy: person(row?.enChangedBy) },
    fr: { heading: article.headingFr ?? "", text: article.textFr, changedAt: row?.frChangedAt ?? null, changedBy: person(row?.frChangedBy) },
    confirmedAt: row?.confirmedAt ?? null,
    confirmedBy: person(row?.confirmedBy),
  };
}

/** The state of an article the indexer has not seen yet: measured from its texts, never confirmed. */
function stateOf(article: ArticleTexts, row: StoredRow | undefined): AlignmentState {
  return row ?? { enHash: textHash(article.heading, article.text), frHash: textHash(article.headingFr, article.textFr), confirmedEnHash: null, confirmedFrHash: null, lead: null };
}

/** GET /api/drafts/:id/alignment: every article in order, with its status (contract: lib/contracts/alignment.ts). */
export async function listAlignment(actor: Actor | null, draftId: string) {
  authorize(actor, "draft:read");
  // One read transaction: the index and the alignment rows are rewritten together.
  const found = await db().$transaction(async (tx) => {
    if (!(await draftsRepo.exists(tx, draftId))) return null;
    return [await clauseIndexRepo.list(tx, draftId), await alignmentRepo.listWithPeople(tx, draftId)] as const;
  });
  if (!found) throw notFound("The draft");
  const [articles, rows] = found;
  const byClause = new Map(rows.map((r) => [r.clauseId, r]));
  return articles.map((article) => entryOf(article, byClause.get(article.clauseId), stateOf(article, byClause.get(article.clauseId))));
}

/**
 * Confirms that an article's English and French texts say the same thing, as they read in the
 * live text now (the index may be up to 2 s behind what the person checked). Anyone who may type
 * into the text in the draft's phase may confirm (permission `text:edit`). Audited
 * `alignment.confirmed`; open editors are signalled. Returns the article's entry, `aligned`.
 */
export async function confirmAlignment(actor: Actor | null, draftId: string, clauseId: string) {
  authorize(actor, "draft:read");
  const phase = await draftsRepo.phaseOf(db(), draftId);
  if (phase === null) throw notFound("The draft");
  authorize(actor, "text:edit", { phase });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draftId));
  const en = readClauses(doc, "en").find((c) => c.clauseId === clauseId);
  const fr = readClauses(doc, "fr").find((c) => c.clauseId === clauseId);
  doc.destroy();
  if (!en) throw notFound("The article");
  const article = { clauseId, number: en.number, heading: en.heading, text: en.text, headingFr: fr?.heading ?? "", textFr: fr?.text ?? "" };
  const hashes = { enHash: textHash(article.heading, article.text), frHash: textHash(article.headingFr, article.textFr) };
  if ((hashes.enHash === "") !== (hashes.frHash === "")) {
    const missing = hashes.frHash === "" ? "French" : "English";
    throw new DomainError("conflict", `The ${missing} text of article ${en.number} is empty: write it before confirming the two texts as aligned.`);
  }
  const row = await db().$transaction(async (tx) => {
    // The system (seed, scripts) is nobody in the User table.
    await alignmentRepo.confirm(tx, draftId, clauseId, hashes, actor.id === "system" ? null : actor.id, new Date());
    await recordAudit(tx, actor, "alignment.confirmed", { type: "draft", id: draftId }, { clauseId, number: en.number });
    return (await alignmentRepo.listWithPeople(tx, draftId, clauseId))[0];
  });
  signalAlignment(draftId);
  return entryOf(article, row, { ...hashes, confirmedEnHash: hashes.enHash, confirmedFrHash: hashes.frHash, lead: null });
}
