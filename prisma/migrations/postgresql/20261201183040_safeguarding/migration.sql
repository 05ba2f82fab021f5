-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "escalateAfterMinutes" INTEGER NOT NULL DEFAULT 15,
ADD COLUMN     "mailFrom" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "smtpHost" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "smtpPassword" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "smtpPort" INTEGER NOT NULL DEFAULT 587,
ADD COLUMN     "smtpSecure" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "smtpUser" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Helpline" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'other';

-- AlterTable
ALTER TABLE "FeedbackItem" ADD COLUMN     "englishById" TEXT;

-- CreateTable
CREATE TABLE "SafeguardingConcern" (
    "id" TEXT NOT NULL,
    "feedbackId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "hits" TEXT NOT NULL DEFAULT '[]',
    "raisedReason" TEXT,
    "raisedById" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "escalatedAt" TIMESTAMP(3),
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT,
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SafeguardingConcern_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConcernAction" (
    "id" TEXT NOT NULL,
    "concernId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConcernAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConcernReveal" (
    "id" TEXT NOT NULL,
    "concernId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConcernReveal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConcernMessage" (
    "id" TEXT NOT NULL,
    "concernId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "fromRole" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "clientRequestId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConcernMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "runAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "key" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SafeguardingPhrase" (
    "id" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "phrase" TEXT NOT NULL,
    "addedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "SafeguardingPhrase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RedactionTerm" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "addedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RedactionTerm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SafeguardingConcern_feedbackId_key" ON "SafeguardingConcern"("feedbackId");

-- CreateIndex
CREATE INDEX "SafeguardingConcern_status_createdAt_idx" ON "SafeguardingConcern"("status", "createdAt");

-- CreateIndex
CREATE INDEX "SafeguardingConcern_groupId_status_idx" ON "SafeguardingConcern"("groupId", "status");

-- CreateIndex
CREATE INDEX "ConcernAction_concernId_createdAt_idx" ON "ConcernAction"("concernId", "createdAt");

-- CreateIndex
CREATE INDEX "ConcernReveal_concernId_leadId_idx" ON "ConcernReveal"("concernId", "leadId");

-- CreateIndex
CREATE INDEX "ConcernMessage_concernId_createdAt_idx" ON "ConcernMessage"("concernId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConcernMessage_authorId_clientRequestId_key" ON "ConcernMessage"("authorId", "clientRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "Job_key_key" ON "Job"("key");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "SafeguardingPhrase_language_idx" ON "SafeguardingPhrase"("language");

-- CreateIndex
CREATE INDEX "RedactionTerm_kind_idx" ON "RedactionTerm"("kind");

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_englishById_fkey" FOREIGN KEY ("englishById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafeguardingConcern" ADD CONSTRAINT "SafeguardingConcern_feedbackId_fkey" FOREIGN KEY ("feedbackId") REFERENCES "FeedbackItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafeguardingConcern" ADD CONSTRAINT "SafeguardingConcern_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafeguardingConcern" ADD CONSTRAINT "SafeguardingConcern_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafeguardingConcern" ADD CONSTRAINT "SafeguardingConcern_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafeguardingConcern" ADD CONSTRAINT "SafeguardingConcern_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConcernAction" ADD CONSTRAINT "ConcernAction_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "SafeguardingConcern"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConcernAction" ADD CONSTRAINT "ConcernAction_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConcernReveal" ADD CONSTRAINT "ConcernReveal_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "SafeguardingConcern"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConcernReveal" ADD CONSTRAINT "ConcernReveal_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConcernMessage" ADD CONSTRAINT "ConcernMessage_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "SafeguardingConcern"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConcernMessage" ADD CONSTRAINT "ConcernMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafeguardingPhrase" ADD CONSTRAINT "SafeguardingPhrase_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedactionTerm" ADD CONSTRAINT "RedactionTerm_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand (docs/decisions/009-safeguarding.md): the audit log is append-only in the
-- database itself. Deleting a user may only clear actorId (ON DELETE SET NULL); nothing else in a
-- row can change, and no row can be deleted.
CREATE FUNCTION "AuditLog_append_only"() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW."actorId" IS NULL
        AND (NEW."id", NEW."action", NEW."entityType", NEW."entityId", NEW."before", NEW."after", NEW."createdAt")
            IS NOT DISTINCT FROM (OLD."id", OLD."action", OLD."entityType", OLD."entityId", OLD."before", OLD."after", OLD."createdAt") THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'AuditLog is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditLog_append_only" BEFORE UPDATE OR DELETE ON "AuditLog"
    FOR EACH ROW EXECUTE FUNCTION "AuditLog_append_only"();

CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog"
    FOR EACH STATEMENT EXECUTE FUNCTION "AuditLog_append_only"();
