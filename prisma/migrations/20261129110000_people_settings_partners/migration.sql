-- WT2023 roles in the people model: the education settings people work in, line managers, which statutory
-- partner a delegated safeguarding partner acts for, and the partnership's independent scrutineer.

-- AlterTable
ALTER TABLE "Partnership" ADD COLUMN     "scrutineerId" TEXT,
ADD COLUMN     "scrutinyNote" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "managerId" TEXT,
ADD COLUMN     "partnerFor" TEXT,
ADD COLUMN     "settingId" TEXT;

-- CreateTable
CREATE TABLE "Setting" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "agencyId" TEXT,
    "kind" TEXT NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Setting_partnershipId_key_key" ON "Setting"("partnershipId", "key");

-- AddForeignKey
ALTER TABLE "Setting" ADD CONSTRAINT "Setting_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Setting" ADD CONSTRAINT "Setting_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_settingId_fkey" FOREIGN KEY ("settingId") REFERENCES "Setting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

