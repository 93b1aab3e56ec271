-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CommentThread" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "clauseId" TEXT,
    "anchor" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedById" TEXT,
    "resolvedAt" DATETIME,
    CONSTRAINT "CommentThread_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommentThread_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CommentThread_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CommentThread" ("anchor", "clauseId", "createdAt", "createdById", "draftId", "id", "resolvedAt", "resolvedById", "status") SELECT "anchor", "clauseId", "createdAt", "createdById", "draftId", "id", "resolvedAt", "resolvedById", "status" FROM "CommentThread";
DROP TABLE "CommentThread";
ALTER TABLE "new_CommentThread" RENAME TO "CommentThread";
CREATE INDEX "CommentThread_draftId_status_idx" ON "CommentThread"("draftId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

