-- AlterTable
ALTER TABLE "Draft" ADD COLUMN     "headSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "indexedSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "versionedSeq" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "DraftUpdate" ADD COLUMN     "draftSeq" INTEGER NOT NULL DEFAULT 0;

-- Backfill: the updates still logged are numbered 1..n per draft (the snapshot covers the rest).
UPDATE "DraftUpdate" u SET "draftSeq" = n.rn FROM (SELECT "seq", ROW_NUMBER() OVER (PARTITION BY "draftId" ORDER BY "seq") AS rn FROM "DraftUpdate") n WHERE u."seq" = n."seq";
UPDATE "Draft" d SET "headSeq" = (SELECT COUNT(*) FROM "DraftUpdate" u WHERE u."draftId" = d."id");

-- CreateIndex
CREATE UNIQUE INDEX "DraftUpdate_draftId_draftSeq_key" ON "DraftUpdate"("draftId", "draftSeq");

