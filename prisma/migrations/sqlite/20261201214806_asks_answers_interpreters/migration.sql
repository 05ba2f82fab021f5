-- AlterTable
ALTER TABLE "AskUpdate" ADD COLUMN "reason" TEXT;

-- AlterTable
ALTER TABLE "AskUpdateTranslation" ADD COLUMN "checkedById" TEXT;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "groupId" TEXT;

-- AlterTable
ALTER TABLE "PollTranslation" ADD COLUMN "checkedById" TEXT;

-- AlterTable
ALTER TABLE "PollQuestionTranslation" ADD COLUMN "checkedById" TEXT;

-- AlterTable
ALTER TABLE "PollOptionTranslation" ADD COLUMN "checkedById" TEXT;

-- CreateTable
CREATE TABLE "AskAcknowledgement" (
    "askId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "acknowledgedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("askId", "userId"),
    CONSTRAINT "AskAcknowledgement_askId_fkey" FOREIGN KEY ("askId") REFERENCES "Ask" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AskAcknowledgement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Notification_askId_updateId_idx" ON "Notification"("askId", "updateId");
