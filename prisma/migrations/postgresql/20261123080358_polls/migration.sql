-- AlterTable
ALTER TABLE "FeedbackItem" ADD COLUMN     "pollQuestionId" TEXT;

-- CreateTable
CREATE TABLE "Poll" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "intro" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "opensAt" TIMESTAMP(3),
    "closesAt" TIMESTAMP(3),
    "resultsVisibility" TEXT NOT NULL DEFAULT 'after_vote',
    "revealed" BOOLEAN NOT NULL DEFAULT false,
    "shortCode" TEXT NOT NULL,
    "askId" TEXT,
    "createdById" TEXT NOT NULL,
    "firstVoteAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Poll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollTranslation" (
    "pollId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "intro" TEXT NOT NULL DEFAULT '',
    "checkedAt" TIMESTAMP(3),

    CONSTRAINT "PollTranslation_pkey" PRIMARY KEY ("pollId","locale")
);

-- CreateTable
CREATE TABLE "PollGroup" (
    "pollId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,

    CONSTRAINT "PollGroup_pkey" PRIMARY KEY ("pollId","groupId")
);

-- CreateTable
CREATE TABLE "PollQuestion" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "maxChoices" INTEGER,

    CONSTRAINT "PollQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollQuestionTranslation" (
    "questionId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3),

    CONSTRAINT "PollQuestionTranslation_pkey" PRIMARY KEY ("questionId","locale")
);

-- CreateTable
CREATE TABLE "PollOption" (
    "id" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "value" INTEGER,

    CONSTRAINT "PollOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollOptionTranslation" (
    "optionId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3),

    CONSTRAINT "PollOptionTranslation_pkey" PRIMARY KEY ("optionId","locale")
);

-- CreateTable
CREATE TABLE "PollResponse" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "changes" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PollResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollChoice" (
    "responseId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL,
    "rank" INTEGER,

    CONSTRAINT "PollChoice_pkey" PRIMARY KEY ("responseId","optionId")
);

-- CreateTable
CREATE TABLE "PollTally" (
    "questionId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "points" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PollTally_pkey" PRIMARY KEY ("questionId","optionId","groupId")
);

-- CreateTable
CREATE TABLE "PollVoterCount" (
    "questionId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "voters" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PollVoterCount_pkey" PRIMARY KEY ("questionId","groupId")
);

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

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_pollQuestionId_fkey" FOREIGN KEY ("pollQuestionId") REFERENCES "PollQuestion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_askId_fkey" FOREIGN KEY ("askId") REFERENCES "Ask"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollTranslation" ADD CONSTRAINT "PollTranslation_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollGroup" ADD CONSTRAINT "PollGroup_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollGroup" ADD CONSTRAINT "PollGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollQuestion" ADD CONSTRAINT "PollQuestion_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollQuestionTranslation" ADD CONSTRAINT "PollQuestionTranslation_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PollQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollOption" ADD CONSTRAINT "PollOption_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PollQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollOptionTranslation" ADD CONSTRAINT "PollOptionTranslation_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "PollOption"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollResponse" ADD CONSTRAINT "PollResponse_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PollQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollResponse" ADD CONSTRAINT "PollResponse_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollChoice" ADD CONSTRAINT "PollChoice_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "PollResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollChoice" ADD CONSTRAINT "PollChoice_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "PollOption"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollTally" ADD CONSTRAINT "PollTally_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PollQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollTally" ADD CONSTRAINT "PollTally_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "PollOption"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollVoterCount" ADD CONSTRAINT "PollVoterCount_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PollQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
