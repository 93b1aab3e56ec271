// Start-up environment, validated once with readable messages (ARCHITECTURE.md rule 10).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "@/lib/zod";

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), "DATABASE_URL must start with file: (SQLite) or postgresql://")
    .optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must have at least 32 characters").optional(),
  NEXTAUTH_URL: z.string().url("NEXTAUTH_URL must be a URL such as https://charter.example.org").optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^\d{0,2}$/, "TRUST_PROXY must be the number of reverse proxies in front of the app (usually 1), or unset")
    .optional(),
  SEED_DEMO: z.enum(["0", "1", ""]).default(""),
  // A typo must not silently mean FULL (or anything else): only the two documented values.
  SQLITE_SYNCHRONOUS: z.enum(["FULL", "NORMAL"], "SQLITE_SYNCHRONOUS must be FULL (the default) or NORMAL").optional(),
  /** Scale-out: several app processes share live drafts through Redis pub/sub (docs/DEPLOY.md). */
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\//.test(v), "REDIS_URL must start with redis:// or rediss://")
    .optional(),
  /** Stored updates after which a draft's log is folded into its snapshot (tests use small values). */
  COLLAB_COMPACT_AFTER: z.coerce.number().int("COLLAB_COMPACT_AFTER must be a whole number of updates").min(10, "COLLAB_COMPACT_AFTER must be at least 10").optional(),
  DEV: z.boolean().default(false),
})
  // Several processes share one database: an embedded SQLite file cannot be shared that way.
  .refine((env) => !env.REDIS_URL || /^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? ""), {
    message: "REDIS_URL (several app processes) needs DATABASE_URL=postgresql://…: processes cannot share the embedded SQLite file",
    path: ["REDIS_URL"],
  });

export type ServerEnv = z.infer<typeof schema> & { AUTH_SECRET: string; NEXTAUTH_URL: string };

/** A secret generated on first start and kept in data/, so sessions survive restarts. */
function persistentSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadEnv(argv: string[] = process.argv): ServerEnv {
  const parsed = schema.safeParse({ ...process.env, DEV: argv.includes("--dev") });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    console.error(`The environment is not valid:\n${lines.join("\n")}`);
    process.exit(1);
  }
  const dataDir = path.join(process.cwd(), "data");
  mkdirSync(dataDir, { recursive: true });
  const env = parsed.data;
  const secret = env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET ?? persistentSecret(dataDir);
  const publicUrl = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  // next-auth and the collab tokens read these from the environment.
  process.env.AUTH_SECRET = secret;
  process.env.NEXTAUTH_SECRET = secret;
  process.env.NEXTAUTH_URL = publicUrl;
  return { ...env, AUTH_SECRET: secret, NEXTAUTH_URL: publicUrl };
}
