-- WT2023 decisions and publication. The three safeguarding partners sign off a rapid review's recommendation
-- (ReviewSignOff, one per partner per round); independent scrutiny records challenges against a decision
-- (ReviewChallenge); a review records how it was published (full, summary or not published with reasons and
-- the date the Panel was told), its publication date and the partnership's response; and the Panel's taking
-- the case for a national review. The old approval columns stay, so reviews approved before read as they were.

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "nationalReviewOn" DATE,
ADD COLUMN     "nationalReviewReference" TEXT,
ADD COLUMN     "panelToldNotPublishedOn" DATE,
ADD COLUMN     "partnershipResponse" TEXT,
ADD COLUMN     "publicationForm" TEXT,
ADD COLUMN     "publicationReasons" TEXT,
ADD COLUMN     "publishedOn" DATE,
ADD COLUMN     "signOffRound" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ReviewSignOff" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "partnerFor" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewSignOff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewChallenge" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "byId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReviewSignOff_reviewId_round_personId_key" ON "ReviewSignOff"("reviewId", "round", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewSignOff_reviewId_round_partnerFor_key" ON "ReviewSignOff"("reviewId", "round", "partnerFor");

-- CreateIndex
CREATE INDEX "ReviewChallenge_reviewId_idx" ON "ReviewChallenge"("reviewId");

-- AddForeignKey
ALTER TABLE "ReviewSignOff" ADD CONSTRAINT "ReviewSignOff_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewChallenge" ADD CONSTRAINT "ReviewChallenge_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

