// The collaboration server alone in its own process, for fault tests (kill -9) and benchmarks.
// Usage: DATABASE_URL=file:… AUTH_SECRET=… PORT=… tsx tests/helpers/collab-process.ts
import { createServer } from "node:http";
import { openDb, tuneDb } from "@/server/db/client";
import { CollabServer, checkpointWithDomain, indexWithDomain } from "@/server/collab/server";
import { collabAccessFor } from "@/server/domain/drafts/collab-access";

async function main() {
  await tuneDb(await openDb());
  const collab = new CollabServer({ resolveAccess: collabAccessFor, indexDraft: indexWithDomain, checkpoint: checkpointWithDomain });
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  http.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
  process.on("SIGTERM", () => void collab.close().then(() => process.exit(0)));
}
void main();
