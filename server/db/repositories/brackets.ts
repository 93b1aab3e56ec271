import type { DbTx } from "../client";
import { readJsonColumn, writeJsonColumn } from "../json-column";
import { bracketAnchorColumn } from "@/lib/contracts/brackets";
import type { CommentAnchor } from "@/lib/contracts/comments";
import { isTextLang, type TextLang } from "@/lib/editor/languages";

const bracketSelect = {
  id: true,
  draftId: true,
  clauseId: true,
  lang: true,
  anchor: true,
  note: true,
  createdAt: true,
  removedAt: true,
  createdBy: { select: { id: true, name: true, delegation: true } },
} as const;

function readBracket<T extends { anchor: string; lang: string }>(row: T) {
  // "en" or "fr" as written from textLangSchema; anything else reads as English, the default.
  const lang: TextLang = isTextLang(row.lang) ? row.lang : "en";
  return { ...row, lang, anchor: readJsonColumn(bracketAnchorColumn, row.anchor, "BracketedPassage.anchor") };
}
export type BracketRow = ReturnType<typeof readBracket<{ anchor: string; lang: string; id: string; draftId: string; clauseId: string; note: string; createdAt: Date; removedAt: Date | null; createdBy: { id: string; name: string; delegation: string } }>>;

export const bracketsRepo = {
  create: async (tx: DbTx, data: { draftId: string; lang: TextLang; anchor: CommentAnchor; note: string; createdById: string }) =>
    readBracket(
      await tx.bracketedPassage.create({
        data: { draftId: data.draftId, lang: data.lang, clauseId: data.anchor.clauseId, anchor: writeJsonColumn(bracketAnchorColumn, data.anchor), note: data.note, createdById: data.createdById },
        select: bracketSelect,
      }),
    ),
  /** The brackets still in place, in the order they were placed. */
  listOpen: async (tx: DbTx, draftId: string) =>
    (await tx.bracketedPassage.findMany({ where: { draftId, removedAt: null }, orderBy: { createdAt: "asc" }, select: bracketSelect })).map(readBracket),
  find: async (tx: DbTx, id: string) => {
    const row = await tx.bracketedPassage.findUnique({ where: { id }, select: bracketSelect });
    return row ? readBracket(row) : null;
  },
  /** Removes the bracket (the row stays, with its removal time); false when it was already removed. */
  remove: async (tx: DbTx, id: string, removedAt: Date) => (await tx.bracketedPassage.updateMany({ where: { id, removedAt: null }, data: { removedAt } })).count === 1,
};
