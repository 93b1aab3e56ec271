-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Version" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT,
    "note" TEXT,
    "yjsState" BLOB NOT NULL,
    "docJson" BLOB NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '{}',
    "authorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "amendmentId" TEXT,
    CONSTRAINT "Version_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Version_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Version_amendmentId_fkey" FOREIGN KEY ("amendmentId") REFERENCES "Amendment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Version" ("authorId", "createdAt", "docJson", "draftId", "id", "kind", "name", "note", "summary", "yjsState") SELECT "authorId", "createdAt", "docJson", "draftId", "id", "kind", "name", "note", "summary", "yjsState" FROM "Version";
DROP TABLE "Version";
ALTER TABLE "new_Version" RENAME TO "Version";
CREATE INDEX "Version_draftId_createdAt_idx" ON "Version"("draftId", "createdAt");
CREATE TABLE "new_Amendment" (
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
    "modifiedText" TEXT,
    "baseText" TEXT,
    "supersedes" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "Amendment_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Amendment_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Amendment_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Amendment" ("anchor", "clauseId", "createdAt", "decidedAt", "decidedById", "draftId", "id", "modifiedDoc", "number", "observation", "op", "proposedDoc", "proposedText", "rationale", "reading", "sponsorDelegation", "sponsorId", "status", "submittedAt", "type", "updatedAt") SELECT "anchor", "clauseId", "createdAt", "decidedAt", "decidedById", "draftId", "id", "modifiedDoc", "number", "observation", "op", "proposedDoc", "proposedText", "rationale", "reading", "sponsorDelegation", "sponsorId", "status", "submittedAt", "type", "updatedAt" FROM "Amendment";
DROP TABLE "Amendment";
ALTER TABLE "new_Amendment" RENAME TO "Amendment";
CREATE INDEX "Amendment_draftId_status_idx" ON "Amendment"("draftId", "status");
CREATE INDEX "Amendment_draftId_clauseId_idx" ON "Amendment"("draftId", "clauseId");
CREATE UNIQUE INDEX "Amendment_draftId_number_key" ON "Amendment"("draftId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

