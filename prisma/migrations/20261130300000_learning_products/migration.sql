-- Issue 14: learning products, national learning, the broadcast engine's queue and reach. New tables only.
-- CreateTable
CREATE TABLE "NationalLearning" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publishedOn" DATE,
    "themes" TEXT[],
    "links" TEXT[],
    "formKey" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NationalLearning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NationalLearningLink" (
    "nationalLearningId" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NationalLearningLink_pkey" PRIMARY KEY ("nationalLearningId","subjectType","subjectId")
);

-- CreateTable
CREATE TABLE "LearningProduct" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sections" JSONB NOT NULL,
    "themes" TEXT[],
    "sourceType" TEXT NOT NULL,
    "sourceId" TEXT,
    "sourceNote" TEXT,
    "status" TEXT NOT NULL,
    "formKey" TEXT,
    "sensitiveTextAcknowledged" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LearningProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductRead" (
    "productId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductRead_pkey" PRIMARY KEY ("productId","personId")
);

-- CreateTable
CREATE TABLE "ProductBriefing" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "briefedOn" DATE NOT NULL,
    "staffCount" INTEGER NOT NULL,
    "keyThoughts" TEXT NOT NULL,
    "embedding" TEXT NOT NULL,
    "plans" TEXT NOT NULL,
    "formKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductBriefing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "audience" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "scheduledFor" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "cancelledById" TEXT,
    "createdById" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "progressRef" JSONB,
    "progressAt" TIMESTAMP(3),
    "formKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BroadcastDelivery" (
    "id" BIGSERIAL NOT NULL,
    "broadcastId" TEXT NOT NULL,
    "personId" TEXT,
    "channelPlatform" TEXT,
    "channelId" TEXT,
    "agencyKey" TEXT,
    "roleKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "requestedAt" TIMESTAMP(3),
    "platform" TEXT,
    "conversationId" TEXT,
    "messageId" TEXT,
    "sentAt" TIMESTAMP(3),
    "remindedOn" DATE,

    CONSTRAINT "BroadcastDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpenedConversation" (
    "personId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "address" JSONB NOT NULL,
    "via" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OpenedConversation_pkey" PRIMARY KEY ("personId","platform")
);

-- CreateIndex
CREATE UNIQUE INDEX "NationalLearning_reference_key" ON "NationalLearning"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "NationalLearning_formKey_key" ON "NationalLearning"("formKey");

-- CreateIndex
CREATE INDEX "NationalLearning_partnershipId_idx" ON "NationalLearning"("partnershipId");

-- CreateIndex
CREATE INDEX "NationalLearningLink_subjectType_subjectId_idx" ON "NationalLearningLink"("subjectType", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "LearningProduct_reference_key" ON "LearningProduct"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "LearningProduct_formKey_key" ON "LearningProduct"("formKey");

-- CreateIndex
CREATE INDEX "LearningProduct_partnershipId_status_idx" ON "LearningProduct"("partnershipId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ProductBriefing_formKey_key" ON "ProductBriefing"("formKey");

-- CreateIndex
CREATE INDEX "ProductBriefing_productId_idx" ON "ProductBriefing"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "Broadcast_formKey_key" ON "Broadcast"("formKey");

-- CreateIndex
CREATE INDEX "Broadcast_status_scheduledFor_idx" ON "Broadcast"("status", "scheduledFor");

-- CreateIndex
CREATE UNIQUE INDEX "Broadcast_subjectType_subjectId_key" ON "Broadcast"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "BroadcastDelivery_broadcastId_status_idx" ON "BroadcastDelivery"("broadcastId", "status");

-- CreateIndex
CREATE INDEX "BroadcastDelivery_status_nextAttemptAt_idx" ON "BroadcastDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "BroadcastDelivery_conversationId_idx" ON "BroadcastDelivery"("conversationId");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastDelivery_broadcastId_personId_key" ON "BroadcastDelivery"("broadcastId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastDelivery_broadcastId_channelPlatform_channelId_key" ON "BroadcastDelivery"("broadcastId", "channelPlatform", "channelId");

-- AddForeignKey
ALTER TABLE "BroadcastDelivery" ADD CONSTRAINT "BroadcastDelivery_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

