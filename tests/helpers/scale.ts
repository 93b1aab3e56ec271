// Scale-out tests (tests/scale, `npm run test:scale`): a fresh PostgreSQL database per test file
// (copied from a migrated template) and collaboration servers joined by a real Redis bus.
// scripts/test-scale.sh starts PostgreSQL and Redis (scripts/scale-services.sh) and exports
// DATABASE_URL (the template database) and REDIS_URL.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { closeDb, openDb } from "@/server/db/client";
import { RedisBus } from "@/server/collab/redis-bus";
import type { CollabServerOptions } from "@/server/collab/server";
import { startCollab, type RunningCollab } from "./collab";

const admin = () => {
  const value = process.env.SCALE_TEMPLATE_URL ?? process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//.test(value)) throw new Error("tests/scale need DATABASE_URL=postgresql://… and REDIS_URL (run them with npm run test:scale)");
  return new URL(value);
};

/** psql as the database owner against the server of DATABASE_URL. */
function psql(sql: string): void {
  const url = admin();
  execFileSync("psql", ["-h", url.hostname, "-p", url.port || "5432", "-U", "postgres", "-d", "postgres", "-qc", sql], {
    env: { ...process.env, PGOPTIONS: "-c client_min_messages=warning" },
    stdio: "pipe",
  });
}

/**
 * Points this test file at a fresh database copied from the migrated template (DATABASE_URL as
 * test-scale.sh exported it); returns its URL (for app processes started by the test).
 */
export async function useFreshPostgres(): Promise<string> {
  await closeDb();
  const template = admin();
  process.env.SCALE_TEMPLATE_URL ??= template.toString();
  const name = `charter_t_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  psql(`CREATE DATABASE ${name} OWNER charter TEMPLATE ${template.pathname.slice(1)}`);
  const url = new URL(template.toString());
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  await openDb();
  return url.toString();
}

export interface BusCollab extends RunningCollab {
  bus: RedisBus;
}

/** A collaboration server with its own Redis bus, as one app process would have (several share this test process). */
export async function startCollabOnBus(options: Partial<CollabServerOptions> = {}): Promise<BusCollab> {
  const bus = new RedisBus(process.env.REDIS_URL!);
  await bus.start();
  const running = await startCollab({ bus, ...options });
  return {
    ...running,
    bus,
    stop: async () => {
      await running.stop();
      await bus.close();
    },
  };
}
