-- AlterTable
ALTER TABLE "AskUpdateTranslation" ADD COLUMN "reason" TEXT NOT NULL DEFAULT '';
