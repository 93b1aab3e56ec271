-- CreateTable
CREATE TABLE "BracketedPassage" (
    "id" TEXT NOT NULL,
    "draftId" TEXT NOT NULL,
    "clauseId" TEXT NOT NULL,
    "anchor" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "BracketedPassage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BracketedPassage_draftId_removedAt_idx" ON "BracketedPassage"("draftId", "removedAt");

-- AddForeignKey
ALTER TABLE "BracketedPassage" ADD CONSTRAINT "BracketedPassage_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BracketedPassage" ADD CONSTRAINT "BracketedPassage_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
