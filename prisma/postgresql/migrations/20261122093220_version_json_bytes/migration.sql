-- AlterTable: keep existing JSON as UTF-8 bytes (the reader accepts plain and deflated JSON)
ALTER TABLE "Version" ALTER COLUMN "docJson" TYPE BYTEA USING convert_to("docJson", 'UTF8');
