-- An addition (ADD) says where its text goes: "before" or "after" the anchored passage or article.
ALTER TABLE "Amendment" ADD COLUMN "position" TEXT;
