-- CreateTable
CREATE TABLE "AskTranslation" (
    "askId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "checkedAt" DATETIME,
    "checkedById" TEXT,

    PRIMARY KEY ("askId", "locale"),
    CONSTRAINT "AskTranslation_askId_fkey" FOREIGN KEY ("askId") REFERENCES "Ask" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
