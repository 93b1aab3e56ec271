-- One Charter in two languages: the French text beside the English one (ClauseIndex, Version),
-- the language of what anchors to the text (threads, amendments, brackets), and per-article alignment.
ALTER TABLE "ClauseIndex" ADD COLUMN "chapterFr" TEXT;
ALTER TABLE "ClauseIndex" ADD COLUMN "headingFr" TEXT;
ALTER TABLE "ClauseIndex" ADD COLUMN "textFr" TEXT NOT NULL DEFAULT '';
ALTER TABLE "CommentThread" ADD COLUMN "lang" TEXT NOT NULL DEFAULT 'en';
ALTER TABLE "Amendment" ADD COLUMN "lang" TEXT NOT NULL DEFAULT 'en';
ALTER TABLE "BracketedPassage" ADD COLUMN "lang" TEXT NOT NULL DEFAULT 'en';
ALTER TABLE "Version" ADD COLUMN "docJsonFr" BLOB;

CREATE TABLE "ArticleAlignment" (
    "draftId" TEXT NOT NULL,
    "clauseId" TEXT NOT NULL,
    "enHash" TEXT NOT NULL DEFAULT '',
    "frHash" TEXT NOT NULL DEFAULT '',
    "enChangedAt" DATETIME,
    "enChangedById" TEXT,
    "frChangedAt" DATETIME,
    "frChangedById" TEXT,
    "confirmedEnHash" TEXT,
    "confirmedFrHash" TEXT,
    "confirmedAt" DATETIME,
    "confirmedById" TEXT,
    "lead" TEXT,

    PRIMARY KEY ("draftId", "clauseId"),
    CONSTRAINT "ArticleAlignment_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleAlignment_enChangedById_fkey" FOREIGN KEY ("enChangedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ArticleAlignment_frChangedById_fkey" FOREIGN KEY ("frChangedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ArticleAlignment_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
