// Process entry of `npm start`: validates the environment, migrates the database, imports the
// shipped outcome document (server/startup.ts), then serves the Next.js app and the collaboration websocket on one port.
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { loadEnv } from "./env";
import { openDb, tuneDb, closeDb } from "./db/client";
import { databaseTarget } from "./db/target";
import { migrateDatabase, prepareStoredData } from "./startup";
import { composeCollab } from "./compose";
import { PEER_HEADER } from "./auth/trusted-proxy";
import { brotliResponses } from "./http/compression";
import { RedisBus } from "./collab/redis-bus";

async function main() {
  const env = loadEnv();
  await migrateDatabase().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
  const client = await openDb();
  await tuneDb(client);
  // Once across app processes started together (scale-out): the second finds it done.
  const { imported, seeded } = await prepareStoredData({ seedDemo: env.SEED_DEMO === "1" });
  if (imported === "imported") console.log("Imported the Marrakesh 2023 outcome document into the source library.");
  if (seeded) console.log(`Demo data: ${seeded.accounts} accounts added${seeded.draftCreated ? ", demo draft created" : ""}.`);

  const app = next({ dev: env.DEV, dir: process.cwd(), hostname: "localhost", port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const compressResponse = brotliResponses(path.join(process.cwd(), ".next"));
  const nextUpgrade = env.DEV ? app.getUpgradeHandler() : null;

  // One line per event, JSON after the name, so operators (and tests/scale) can read it.
  const log = (event: string, data?: Record<string, unknown>) => console.warn(`[collab] ${event} ${JSON.stringify(data ?? {})}`);
  // Scale-out (docs/DEPLOY.md): with REDIS_URL, rooms, presence and re-checks are shared with the
  // other app processes on the same PostgreSQL.
  const bus = env.REDIS_URL ? new RedisBus(env.REDIS_URL, log) : undefined;
  await bus?.start();
  const { collab } = composeCollab({ log, bus, ...(env.COLLAB_COMPACT_AFTER ? { compactAfterUpdates: env.COLLAB_COMPACT_AFTER } : {}) });

  const server = createServer((req, res) => {
    // The socket's address for sign-in throttling; overwrites whatever a client sent under that name.
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown";
    if (!env.DEV) compressResponse(req, res);
    void handle(req, res);
  });
  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy()); // a reset client must not crash the process
    // collab.handleUpgrade answers every request (400 for a malformed path) and times out
    // sockets it cannot serve; anything else is Next.js's (dev reload) or refused.
    if (req.url?.startsWith("/collab/")) collab.handleUpgrade(req, socket, head);
    else if (nextUpgrade) void Promise.resolve(nextUpgrade(req, socket, head)).catch(() => socket.destroy());
    else socket.destroy();
  });
  server.listen(env.PORT, env.HOST, () => {
    const scale = bus ? `, shared through Redis as process ${bus.processId}` : "";
    console.log(`Charter workspace ready on ${env.NEXTAUTH_URL} (database: ${databaseTarget(process.env.DATABASE_URL).provider}${scale})`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: storing pending changes and closing…`);
    server.close();
    await collab.close();
    await bus?.close();
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
