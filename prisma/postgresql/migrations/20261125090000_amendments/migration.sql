-- AlterTable
ALTER TABLE "Draft" ADD COLUMN     "lastAmendmentNumber" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "phase" TEXT NOT NULL DEFAULT 'editing';

-- CreateTable
CREATE TABLE "Amendment" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "observation" TEXT,
    "reading" TEXT,
    "modifiedDoc" TEXT,

    CONSTRAINT "Amendment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AmendmentCosponsor" (
    "id" TEXT NOT NULL,
    "amendmentId" TEXT NOT NULL,
    "delegation" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AmendmentCosponsor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AmendmentSource" (
    "amendmentId" TEXT NOT NULL,
    "sourceItemId" TEXT NOT NULL,

    CONSTRAINT "AmendmentSource_pkey" PRIMARY KEY ("amendmentId","sourceItemId")
);

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

-- AddForeignKey
ALTER TABLE "Amendment" ADD CONSTRAINT "Amendment_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Amendment" ADD CONSTRAINT "Amendment_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Amendment" ADD CONSTRAINT "Amendment_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AmendmentCosponsor" ADD CONSTRAINT "AmendmentCosponsor_amendmentId_fkey" FOREIGN KEY ("amendmentId") REFERENCES "Amendment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AmendmentCosponsor" ADD CONSTRAINT "AmendmentCosponsor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AmendmentSource" ADD CONSTRAINT "AmendmentSource_amendmentId_fkey" FOREIGN KEY ("amendmentId") REFERENCES "Amendment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AmendmentSource" ADD CONSTRAINT "AmendmentSource_sourceItemId_fkey" FOREIGN KEY ("sourceItemId") REFERENCES "SourceItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

