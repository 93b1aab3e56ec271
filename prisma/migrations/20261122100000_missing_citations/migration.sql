-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ClauseIndex" (
    "draftId" TEXT NOT NULL,
    "clauseId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "chapter" TEXT,
    "heading" TEXT,
    "text" TEXT NOT NULL,
    "missingCitations" TEXT NOT NULL DEFAULT '[]',

    PRIMARY KEY ("draftId", "clauseId"),
    CONSTRAINT "ClauseIndex_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ClauseIndex" ("chapter", "clauseId", "draftId", "heading", "number", "position", "text") SELECT "chapter", "clauseId", "draftId", "heading", "number", "position", "text" FROM "ClauseIndex";
DROP TABLE "ClauseIndex";
ALTER TABLE "new_ClauseIndex" RENAME TO "ClauseIndex";
CREATE INDEX "ClauseIndex_draftId_position_idx" ON "ClauseIndex"("draftId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

