-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "formKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Action_formKey_key" ON "Action"("formKey");

