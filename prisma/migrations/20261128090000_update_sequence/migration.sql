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
    "headSeq" INTEGER NOT NULL DEFAULT 0,
    "indexedSeq" INTEGER NOT NULL DEFAULT 0,
    "versionedSeq" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Draft_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- headSeq: the updates still logged are numbered 1..n per draft below (the snapshot covers the rest).
INSERT INTO "new_Draft" ("createdAt", "createdById", "id", "lastAmendmentNumber", "phase", "snapshotSeq", "title", "updatedAt", "yjsSnapshot", "headSeq") SELECT "createdAt", "createdById", "id", "lastAmendmentNumber", "phase", "snapshotSeq", "title", "updatedAt", "yjsSnapshot", (SELECT COUNT(*) FROM "DraftUpdate" u WHERE u."draftId" = "Draft"."id") FROM "Draft";
DROP TABLE "Draft";
ALTER TABLE "new_Draft" RENAME TO "Draft";
CREATE TABLE "new_DraftUpdate" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "draftId" TEXT NOT NULL,
    "draftSeq" INTEGER NOT NULL DEFAULT 0,
    "data" BLOB NOT NULL,
    "userId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DraftUpdate_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DraftUpdate" ("createdAt", "data", "draftId", "seq", "userId", "draftSeq") SELECT "createdAt", "data", "draftId", "seq", "userId", ROW_NUMBER() OVER (PARTITION BY "draftId" ORDER BY "seq") FROM "DraftUpdate";
DROP TABLE "DraftUpdate";
ALTER TABLE "new_DraftUpdate" RENAME TO "DraftUpdate";
CREATE INDEX "DraftUpdate_draftId_seq_idx" ON "DraftUpdate"("draftId", "seq");
CREATE UNIQUE INDEX "DraftUpdate_draftId_draftSeq_key" ON "DraftUpdate"("draftId", "draftSeq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

