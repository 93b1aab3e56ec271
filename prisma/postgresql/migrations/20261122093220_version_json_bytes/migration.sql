-- AlterTable: keep existing JSON (stored as UTF-8 text; the reader accepts both forms)
ALTER TABLE "Version" ALTER COLUMN "docJson" TYPE BYTEA USING convert_to("docJson", 'UTF8');
