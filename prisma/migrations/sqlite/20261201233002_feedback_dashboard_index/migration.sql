-- CreateIndex
CREATE INDEX "FeedbackItem_status_decidedAt_themeId_groupId_mood_authorId_idx" ON "FeedbackItem"("status", "decidedAt", "themeId", "groupId", "mood", "authorId");
