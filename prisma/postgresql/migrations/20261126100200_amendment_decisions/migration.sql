-- AlterTable
ALTER TABLE "Version" ADD COLUMN     "amendmentId" TEXT;

-- AlterTable
ALTER TABLE "Amendment" ADD COLUMN     "baseText" TEXT,
ADD COLUMN     "modifiedText" TEXT,
ADD COLUMN     "supersedes" TEXT NOT NULL DEFAULT '[]';

-- AddForeignKey
ALTER TABLE "Version" ADD CONSTRAINT "Version_amendmentId_fkey" FOREIGN KEY ("amendmentId") REFERENCES "Amendment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

