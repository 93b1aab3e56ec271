-- AlterTable
ALTER TABLE "ClauseIndex" ADD COLUMN     "missingCitations" TEXT NOT NULL DEFAULT '[]';

