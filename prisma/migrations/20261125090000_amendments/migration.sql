-- CreateTable
CREATE TABLE "Amendment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "number" INTEGER,
    "clauseId" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "anchor" TEXT,
    "proposedDoc" TEXT,
    "proposedText" TEXT NOT NULL DEFAULT '',
    "rationale" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "sponsorId" TEXT NOT NULL,
    "sponsorDelegation" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "observation" TEXT,
    "reading" TEXT,
    "modifiedDoc" TEXT,
    CONSTRAINT "Amendment_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Amendment_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Amendment_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AmendmentCosponsor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "amendmentId" TEXT NOT NULL,
    "delegation" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AmendmentCosponsor_amendmentId_fkey" FOREIGN KEY ("amendmentId") REFERENCES "Amendment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AmendmentCosponsor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AmendmentSource" (
    "amendmentId" TEXT NOT NULL,
    "sourceItemId" TEXT NOT NULL,

    PRIMARY KEY ("amendmentId", "sourceItemId"),
    CONSTRAINT "AmendmentSource_amendmentId_fkey" FOREIGN KEY ("amendmentId") REFERENCES "Amendment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AmendmentSource_sourceItemId_fkey" FOREIGN KEY ("sourceItemId") REFERENCES "SourceItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Draft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "yjsSnapshot" BLOB,
    "snapshotSeq" INTEGER NOT NULL DEFAULT 0,
    "phase" TEXT NOT NULL DEFAULT 'editing',
    "lastAmendmentNumber" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Draft_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Draft" ("createdAt", "createdById", "id", "snapshotSeq", "title", "updatedAt", "yjsSnapshot") SELECT "createdAt", "createdById", "id", "snapshotSeq", "title", "updatedAt", "yjsSnapshot" FROM "Draft";
DROP TABLE "Draft";
ALTER TABLE "new_Draft" RENAME TO "Draft";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Amendment_draftId_status_idx" ON "Amendment"("draftId", "status");

-- CreateIndex
CREATE INDEX "Amendment_draftId_clauseId_idx" ON "Amendment"("draftId", "clauseId");

-- CreateIndex
CREATE UNIQUE INDEX "Amendment_draftId_number_key" ON "Amendment"("draftId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "AmendmentCosponsor_amendmentId_delegation_key" ON "AmendmentCosponsor"("amendmentId", "delegation");

-- CreateIndex
CREATE INDEX "AmendmentSource_sourceItemId_idx" ON "AmendmentSource"("sourceItemId");

