-- CreateTable
CREATE TABLE "Poll" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "intro" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "opensAt" DATETIME,
    "closesAt" DATETIME,
    "resultsVisibility" TEXT NOT NULL DEFAULT 'after_vote',
    "revealed" BOOLEAN NOT NULL DEFAULT false,
    "shortCode" TEXT NOT NULL,
    "askId" TEXT,
    "createdById" TEXT NOT NULL,
    "firstVoteAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Poll_askId_fkey" FOREIGN KEY ("askId") REFERENCES "Ask" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Poll_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollTranslation" (
    "pollId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "intro" TEXT NOT NULL DEFAULT '',
    "checkedAt" DATETIME,

    PRIMARY KEY ("pollId", "locale"),
    CONSTRAINT "PollTranslation_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollGroup" (
    "pollId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,

    PRIMARY KEY ("pollId", "groupId"),
    CONSTRAINT "PollGroup_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PollGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pollId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "maxChoices" INTEGER,
    CONSTRAINT "PollQuestion_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollQuestionTranslation" (
    "questionId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "checkedAt" DATETIME,

    PRIMARY KEY ("questionId", "locale"),
    CONSTRAINT "PollQuestionTranslation_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PollQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollOption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "questionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "value" INTEGER,
    CONSTRAINT "PollOption_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PollQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollOptionTranslation" (
    "optionId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "checkedAt" DATETIME,

    PRIMARY KEY ("optionId", "locale"),
    CONSTRAINT "PollOptionTranslation_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "PollOption" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pollId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "changes" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PollResponse_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PollQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PollResponse_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollChoice" (
    "responseId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL,
    "rank" INTEGER,

    PRIMARY KEY ("responseId", "optionId"),
    CONSTRAINT "PollChoice_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "PollResponse" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PollChoice_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "PollOption" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollTally" (
    "questionId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "points" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("questionId", "optionId", "groupId"),
    CONSTRAINT "PollTally_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PollQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PollTally_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "PollOption" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollVoterCount" (
    "questionId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "voters" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("questionId", "groupId"),
    CONSTRAINT "PollVoterCount_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PollQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    CONSTRAINT "FeedbackItem_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FeedbackItem_pollQuestionId_fkey" FOREIGN KEY ("pollQuestionId") REFERENCES "PollQuestion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_FeedbackItem" ("authorId", "clientRequestId", "createdAt", "decidedAt", "decidedById", "englishText", "groupId", "heldReason", "id", "identity", "language", "mayQuote", "mood", "publishedText", "status", "text", "themeId", "updatedAt", "version") SELECT "authorId", "clientRequestId", "createdAt", "decidedAt", "decidedById", "englishText", "groupId", "heldReason", "id", "identity", "language", "mayQuote", "mood", "publishedText", "status", "text", "themeId", "updatedAt", "version" FROM "FeedbackItem";
DROP TABLE "FeedbackItem";
ALTER TABLE "new_FeedbackItem" RENAME TO "FeedbackItem";
CREATE INDEX "FeedbackItem_groupId_status_createdAt_idx" ON "FeedbackItem"("groupId", "status", "createdAt");
CREATE INDEX "FeedbackItem_status_themeId_idx" ON "FeedbackItem"("status", "themeId");
CREATE INDEX "FeedbackItem_authorId_createdAt_idx" ON "FeedbackItem"("authorId", "createdAt");
CREATE UNIQUE INDEX "FeedbackItem_authorId_clientRequestId_key" ON "FeedbackItem"("authorId", "clientRequestId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Poll_shortCode_key" ON "Poll"("shortCode");

-- CreateIndex
CREATE INDEX "Poll_status_closesAt_idx" ON "Poll"("status", "closesAt");

-- CreateIndex
CREATE INDEX "PollGroup_groupId_idx" ON "PollGroup"("groupId");

-- CreateIndex
CREATE INDEX "PollQuestion_pollId_position_idx" ON "PollQuestion"("pollId", "position");

-- CreateIndex
CREATE INDEX "PollOption_questionId_position_idx" ON "PollOption"("questionId", "position");

-- CreateIndex
CREATE INDEX "PollResponse_pollId_userId_idx" ON "PollResponse"("pollId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "PollResponse_questionId_userId_key" ON "PollResponse"("questionId", "userId");

-- CreateIndex
CREATE INDEX "PollChoice_optionId_idx" ON "PollChoice"("optionId");
