-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "dueBy" DATE,
ADD COLUMN     "familyInvolvement" TEXT,
ADD COLUMN     "familyInvolvementNote" TEXT,
ADD COLUMN     "leadReviewerAgencies" TEXT[],
ADD COLUMN     "leadReviewerName" TEXT,
ADD COLUMN     "leadReviewerOrganisation" TEXT,
ADD COLUMN     "parentReviewId" TEXT,
ADD COLUMN     "publicationUrl" TEXT,
ADD COLUMN     "publishedAt" TIMESTAMP(3),
ADD COLUMN     "termsOfReference" TEXT,
ADD COLUMN     "voiceOfChild" TEXT;

-- CreateTable
CREATE TABLE "ReviewContribution" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "invitedAt" TIMESTAMP(3) NOT NULL,
    "perspective" JSONB,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "ReviewContribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LearningPoint" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "themes" TEXT[],
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LearningPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recommendation" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "learningPointIds" TEXT[],
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReviewContribution_reviewId_personId_key" ON "ReviewContribution"("reviewId", "personId");

-- CreateIndex
CREATE INDEX "LearningPoint_reviewId_idx" ON "LearningPoint"("reviewId");

-- CreateIndex
CREATE INDEX "Recommendation_reviewId_idx" ON "Recommendation"("reviewId");

-- AddForeignKey
ALTER TABLE "ReviewContribution" ADD CONSTRAINT "ReviewContribution_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearningPoint" ADD CONSTRAINT "LearningPoint_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
