// npm run import:sources [-- file prefix "title"]: imports the shipped Marrakesh document, or another file.
import { readFileSync } from "node:fs";
import { SYSTEM_ACTOR } from "@/server/domain/actor";
import { closeDb, openDb, tuneDb } from "@/server/db/client";
import { ensureMarrakeshImported, importOutcomeDocument } from "./import-document";

async function main() {
  await tuneDb(await openDb());
  const [file, keyPrefix, title] = process.argv.slice(2);
  if (!file) {
    console.log(`Marrakesh outcome document: ${await ensureMarrakeshImported(SYSTEM_ACTOR)}`);
  } else {
    const summary = await importOutcomeDocument(SYSTEM_ACTOR, {
      text: readFileSync(file, "utf8"),
      keyPrefix: keyPrefix ?? "DOC",
      title: title ?? file,
      confirm: true,
    });
    console.log(JSON.stringify({ ...summary, items: summary.items.length }, null, 2));
  }
  await closeDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
