// Bracketed passages (issue 12, item 4): the chair or the secretariat keeps a passage open for
// later; everyone sees it as "[ … ]" around the text. Anchored like comments (clause id, Yjs
// relative positions, quote) in one language's text (`lang`), checked against that live text when
// placed, never in the Yjs document.
import * as Y from "yjs";
import { db } from "@/server/db/client";
import { bracketsRepo, type BracketRow } from "@/server/db/repositories/brackets";
import { draftsRepo } from "@/server/db/repositories/drafts";
import { newBracketSchema } from "@/lib/contracts/brackets";
import { resolveAnchor } from "@/lib/comments/anchor";
import { findQuote } from "@/lib/comments/quote";
import { readClauses } from "@/lib/editor/ydoc";
import type { TextLang } from "@/lib/editor/languages";
import type { Actor } from "../actor";
import { DomainError, notFound } from "../errors";
import { authorize } from "../permissions";
import { recordAudit } from "../audit/record";
import { parseInput } from "../validate";
import { currentDraftState, signalDraft } from "../live-documents";

function toBracketDto(row: BracketRow) {
  return { id: row.id, draftId: row.draftId, clauseId: row.clauseId, lang: row.lang, anchor: row.anchor, note: row.note, createdBy: row.createdBy, createdAt: row.createdAt };
}
export type BracketDto = ReturnType<typeof toBracketDto>;

export async function listBrackets(actor: Actor | null, draftId: string): Promise<BracketDto[]> {
  authorize(actor, "draft:read");
  if (!(await draftsRepo.exists(db(), draftId))) throw notFound("The draft");
  return (await bracketsRepo.listOpen(db(), draftId)).map(toBracketDto);
}

export async function createBracket(actor: Actor | null, draftId: string, input: unknown): Promise<BracketDto> {
  authorize(actor, "passage:bracket");
  const { anchor, note, lang } = parseInput(newBracketSchema, input);
  if (!(await draftsRepo.exists(db(), draftId))) throw notFound("The draft");
  await checkPassage(draftId, anchor, lang);
  const row = await db().$transaction(async (tx) => {
    const created = await bracketsRepo.create(tx, { draftId, lang, anchor, note, createdById: actor.id });
    await recordAudit(tx, actor, "bracket.create", { type: "draft", id: draftId }, { bracketId: created.id, clauseId: anchor.clauseId, lang, exact: anchor.exact });
    return created;
  });
  // Editors refetch on the amendments revision (brackets and options are shown together).
  signalDraft(draftId, "amendments");
  return toBracketDto(row);
}

/** DELETE /api/brackets/:id: the bracket goes, the record stays (removedAt) with its audit entry. */
export async function removeBracket(actor: Actor | null, bracketId: string): Promise<{ id: string; removedAt: Date }> {
  authorize(actor, "passage:bracket");
  const row = await bracketsRepo.find(db(), bracketId);
  if (!row || row.removedAt) throw notFound("The bracket");
  const removedAt = new Date();
  await db().$transaction(async (tx) => {
    if (!(await bracketsRepo.remove(tx, bracketId, removedAt))) throw notFound("The bracket");
    await recordAudit(tx, actor, "bracket.remove", { type: "draft", id: row.draftId }, { bracketId, clauseId: row.clauseId, exact: row.anchor.exact });
  });
  signalDraft(row.draftId, "amendments");
  return { id: bracketId, removedAt };
}

/** The passage must be in `lang`'s text as it is now, inside the article it names. */
async function checkPassage(draftId: string, anchor: Parameters<typeof resolveAnchor>[1], lang: TextLang) {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await currentDraftState(draftId));
    const clauses = readClauses(doc, lang);
    const clause = clauses.find((c) => c.clauseId === anchor.clauseId);
    const resolution = resolveAnchor(doc, anchor, lang, clauses);
    // The quote must be in the article named, not only somewhere its relative positions point.
    if (!clause || findQuote(clause.text, { prefix: "", exact: anchor.exact, suffix: "" }) < 0 || resolution.status === "orphaned" || resolution.clauseId !== anchor.clauseId) {
      throw new DomainError("invalid", "The selected text is no longer in this article. Select it again.");
    }
  } finally {
    doc.destroy();
  }
}
