// The Prisma client of this process, created once and shared through globalThis so that the
// Next.js bundle and the collaboration server (same process, different module copies) use one
// connection. Only server/db imports Prisma.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/sqlite/client";
import { databaseTarget } from "./target";
import { SqliteLogWriter } from "./update-log-writer";
import { SqliteStateReader } from "./draft-state-reader";

export type Db = PrismaClient;
/** A client or an open transaction: repositories accept either, so callers pass transactions in. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const GLOBAL_KEY = Symbol.for("charter.prisma");
const WRITER_KEY = Symbol.for("charter.update-log-writer");
const READER_KEY = Symbol.for("charter.draft-state-reader");
type Holder = { [GLOBAL_KEY]?: Db; [WRITER_KEY]?: SqliteLogWriter; [READER_KEY]?: SqliteStateReader };
const holder = globalThis as unknown as Holder;

/** Opens the database named by DATABASE_URL. PostgreSQL needs this async step; SQLite opens lazily. */
export async function openDb(): Promise<Db> {
  if (holder[GLOBAL_KEY]) return holder[GLOBAL_KEY];
  const target = databaseTarget(process.env.DATABASE_URL);
  if (target.provider === "postgresql") {
    const [{ PrismaPg }, generated] = await Promise.all([
      import("@prisma/adapter-pg"),
      import("./generated/postgresql/client"),
    ]);
    // Same models, other provider: the generated clients differ only in their SQL dialect.
    holder[GLOBAL_KEY] = new generated.PrismaClient({
      adapter: new PrismaPg({ connectionString: target.url }),
    }) as unknown as Db;
    return holder[GLOBAL_KEY];
  }
  return db();
}

export function db(): Db {
  const existing = holder[GLOBAL_KEY];
  if (existing) return existing;
  const target = databaseTarget(process.env.DATABASE_URL);
  if (target.provider !== "sqlite") throw new Error("openDb() must be awaited before using PostgreSQL");
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: target.url }) });
  holder[GLOBAL_KEY] = client;
  return client;
}

/**
 * Runs reads that must see one moment of the database (a snapshot and the log it continues). A
 * SQLite transaction does; PostgreSQL's default READ COMMITTED sees a new moment per statement,
 * so there it is REPEATABLE READ. (The client's type is the SQLite one, whose isolation levels
 * name only Serializable.)
 */
export function readOneMoment<T>(read: (tx: DbTx) => Promise<T>): Promise<T> {
  if (databaseTarget(process.env.DATABASE_URL).provider !== "postgresql") return db().$transaction(read);
  return db().$transaction(read, { isolationLevel: "RepeatableRead" } as unknown as { isolationLevel: "Serializable" });
}

const sqliteSynchronous = (): "FULL" | "NORMAL" => (process.env.SQLITE_SYNCHRONOUS === "NORMAL" ? "NORMAL" : "FULL");

/**
 * SQLite settings for durability and concurrency: WAL, fsync at each commit (FULL, survives power
 * loss), wait on locks. SQLITE_SYNCHRONOUS=NORMAL trades power-loss durability for latency:
 * commits still survive a crash or kill of the process.
 */
export async function tuneDb(client: Db): Promise<void> {
  if (databaseTarget(process.env.DATABASE_URL).provider !== "sqlite") return;
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe(`PRAGMA synchronous = ${sqliteSynchronous()}`);
  await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
}

/**
 * The update log's writer thread for SQLite (its own connection, same file, same settings), or
 * null for PostgreSQL, whose driver is asynchronous already (Prisma appends there). One per
 * process, shared like the Prisma client; started on first use, replaced if its thread died.
 */
export function updateLogWriter(): SqliteLogWriter | null {
  const target = databaseTarget(process.env.DATABASE_URL);
  if (target.provider !== "sqlite") return null;
  const existing = holder[WRITER_KEY];
  if (existing && !existing.failed) return existing;
  const writer = new SqliteLogWriter(target.url.replace(/^file:/, ""), sqliteSynchronous());
  holder[WRITER_KEY] = writer;
  return writer;
}

/**
 * The stored-state reader thread for SQLite (its own connection): opening a draft reads and folds
 * its snapshot and log there, off the event loop. Null for PostgreSQL, whose driver does not block.
 */
export function draftStateReader(): SqliteStateReader | null {
  const target = databaseTarget(process.env.DATABASE_URL);
  if (target.provider !== "sqlite") return null;
  return (holder[READER_KEY] ??= new SqliteStateReader(target.url.replace(/^file:/, "")));
}

/** Closes the connections of this process: the writer thread after what it was sent, then Prisma. */
export async function closeDb(): Promise<void> {
  const writer = holder[WRITER_KEY];
  holder[WRITER_KEY] = undefined;
  await writer?.close();
  const reader = holder[READER_KEY];
  holder[READER_KEY] = undefined;
  await reader?.close();
  const existing = holder[GLOBAL_KEY];
  holder[GLOBAL_KEY] = undefined;
  await existing?.$disconnect();
}
