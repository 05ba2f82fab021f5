-- CreateTable
CREATE TABLE "SafeguardingConcern" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "feedbackId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "hits" TEXT NOT NULL DEFAULT '[]',
    "raisedReason" TEXT,
    "raisedById" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT,
    "escalatedAt" DATETIME,
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT,
    "closedAt" DATETIME,
    "closedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SafeguardingConcern_feedbackId_fkey" FOREIGN KEY ("feedbackId") REFERENCES "FeedbackItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SafeguardingConcern_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SafeguardingConcern_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SafeguardingConcern_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SafeguardingConcern_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConcernAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "concernId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConcernAction_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "SafeguardingConcern" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConcernAction_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConcernReveal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "concernId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConcernReveal_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "SafeguardingConcern" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConcernReveal_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConcernMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "concernId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "fromRole" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "clientRequestId" TEXT NOT NULL,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConcernMessage_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "SafeguardingConcern" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConcernMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "runAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "key" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "SafeguardingPhrase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "language" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "phrase" TEXT NOT NULL,
    "addedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" DATETIME,
    CONSTRAINT "SafeguardingPhrase_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RedactionTerm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "addedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RedactionTerm_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "suppressionThreshold" INTEGER NOT NULL DEFAULT 6,
    "overdueAfterDays" INTEGER NOT NULL DEFAULT 28,
    "escalateAfterMinutes" INTEGER NOT NULL DEFAULT 15,
    "smtpHost" TEXT NOT NULL DEFAULT '',
    "smtpPort" INTEGER NOT NULL DEFAULT 587,
    "smtpSecure" BOOLEAN NOT NULL DEFAULT false,
    "smtpUser" TEXT NOT NULL DEFAULT '',
    "smtpPassword" TEXT NOT NULL DEFAULT '',
    "mailFrom" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("createdAt", "id", "name", "overdueAfterDays", "suppressionThreshold", "updatedAt") SELECT "createdAt", "id", "name", "overdueAfterDays", "suppressionThreshold", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE TABLE "new_Helpline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'other',
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "hours" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Helpline_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Helpline" ("hours", "id", "name", "organisationId", "phone", "position") SELECT "hours", "id", "name", "organisationId", "phone", "position" FROM "Helpline";
DROP TABLE "Helpline";
ALTER TABLE "new_Helpline" RENAME TO "Helpline";
CREATE INDEX "Helpline_organisationId_position_idx" ON "Helpline"("organisationId", "position");
CREATE TABLE "new_FeedbackItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "mood" INTEGER,
    "themeId" TEXT,
    "identity" TEXT NOT NULL,
    "mayQuote" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "publishedText" TEXT,
    "englishText" TEXT,
    "englishById" TEXT,
    "heldReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "clientRequestId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "pollQuestionId" TEXT,
    CONSTRAINT "FeedbackItem_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FeedbackItem_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FeedbackItem_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FeedbackItem_englishById_fkey" FOREIGN KEY ("englishById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FeedbackItem_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FeedbackItem_pollQuestionId_fkey" FOREIGN KEY ("pollQuestionId") REFERENCES "PollQuestion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_FeedbackItem" ("authorId", "clientRequestId", "createdAt", "decidedAt", "decidedById", "englishText", "groupId", "heldReason", "id", "identity", "language", "mayQuote", "mood", "pollQuestionId", "publishedText", "status", "text", "themeId", "updatedAt", "version") SELECT "authorId", "clientRequestId", "createdAt", "decidedAt", "decidedById", "englishText", "groupId", "heldReason", "id", "identity", "language", "mayQuote", "mood", "pollQuestionId", "publishedText", "status", "text", "themeId", "updatedAt", "version" FROM "FeedbackItem";
DROP TABLE "FeedbackItem";
ALTER TABLE "new_FeedbackItem" RENAME TO "FeedbackItem";
CREATE INDEX "FeedbackItem_groupId_status_createdAt_idx" ON "FeedbackItem"("groupId", "status", "createdAt");
CREATE INDEX "FeedbackItem_status_themeId_idx" ON "FeedbackItem"("status", "themeId");
CREATE INDEX "FeedbackItem_authorId_createdAt_idx" ON "FeedbackItem"("authorId", "createdAt");
CREATE UNIQUE INDEX "FeedbackItem_authorId_clientRequestId_key" ON "FeedbackItem"("authorId", "clientRequestId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

-- Written by hand (docs/decisions/009-safeguarding.md): the audit log is append-only in the
-- database itself. Deleting a user may only clear actorId (ON DELETE SET NULL); nothing else in a
-- row can change, and no row can be deleted. NOTE: a later migration that rebuilds "AuditLog"
-- drops these triggers with the table and must create them again.
CREATE TRIGGER "AuditLog_no_delete" BEFORE DELETE ON "AuditLog"
BEGIN
    SELECT RAISE(ABORT, 'AuditLog is append-only');
END;

CREATE TRIGGER "AuditLog_no_update" BEFORE UPDATE ON "AuditLog"
WHEN NOT (NEW."actorId" IS NULL AND NEW."id" IS OLD."id" AND NEW."action" IS OLD."action"
    AND NEW."entityType" IS OLD."entityType" AND NEW."entityId" IS OLD."entityId"
    AND NEW."before" IS OLD."before" AND NEW."after" IS OLD."after" AND NEW."createdAt" IS OLD."createdAt")
BEGIN
    SELECT RAISE(ABORT, 'AuditLog is append-only');
END;
