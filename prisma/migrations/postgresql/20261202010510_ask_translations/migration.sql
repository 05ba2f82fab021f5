-- CreateTable
CREATE TABLE "AskTranslation" (
    "askId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "checkedAt" TIMESTAMP(3),
    "checkedById" TEXT,

    CONSTRAINT "AskTranslation_pkey" PRIMARY KEY ("askId","locale")
);

-- AddForeignKey
ALTER TABLE "AskTranslation" ADD CONSTRAINT "AskTranslation_askId_fkey" FOREIGN KEY ("askId") REFERENCES "Ask"("id") ON DELETE CASCADE ON UPDATE CASCADE;
