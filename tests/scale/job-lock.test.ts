// The job lock on PostgreSQL (server/db/job-lock.ts): one holder per (job, subject) across
// connections, so across app processes; other subjects are not held up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshPostgres } from "../helpers/scale";
import { closeDb } from "@/server/db/client";
import { withExclusiveLock, withJobLock } from "@/server/db/job-lock";

/** A job that records when it starts and ends, and ends when told to. */
function job(name: string, events: string[]) {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  return {
    running,
    finish,
    run: async () => {
      events.push(`${name} start`);
      started();
      await finished;
      events.push(`${name} end`);
      return name;
    },
  };
}

describe("job lock (PostgreSQL advisory lock)", () => {
  beforeAll(() => useFreshPostgres());
  afterAll(() => closeDb());

  it("lets one holder run a job on a subject at a time; the other waits, then runs", async () => {
    const events: string[] = [];
    const first = job("first", events);
    const second = job("second", events);
    const one = withJobLock("index", "draft-1", first.run);
    await first.running;
    const two = withJobLock("index", "draft-1", second.run);
    // The second tries the lock (and retries) while the first holds it.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(events).toEqual(["first start"]);
    first.finish();
    await second.running;
    second.finish();
    expect(await one).toEqual({ ran: true, value: "first" });
    expect(await two).toEqual({ ran: true, value: "second" });
    expect(events).toEqual(["first start", "first end", "second start", "second end"]);
  });

  it("does not hold up another subject or another job", async () => {
    const events: string[] = [];
    const held = job("held", events);
    const holding = withJobLock("index", "draft-2", held.run);
    await held.running;
    expect(await withJobLock("index", "draft-3", async () => "other draft")).toEqual({ ran: true, value: "other draft" });
    expect(await withJobLock("compact", "draft-2", async () => "other job")).toEqual({ ran: true, value: "other job" });
    held.finish();
    await holding;
  });

  it("gives up after waitMs while another holds the lock, and releases a lock when its job fails", async () => {
    const events: string[] = [];
    const held = job("held", events);
    const holding = withJobLock("version", "draft-4", held.run);
    await held.running;
    expect(await withJobLock("version", "draft-4", async () => "never", { waitMs: 300 })).toEqual({ ran: false });
    held.finish();
    await holding;
    await expect(withJobLock("version", "draft-4", async () => Promise.reject(new Error("job failed")))).rejects.toThrow("job failed");
    expect(await withJobLock("version", "draft-4", async () => "after the failure", { waitMs: 0 })).toEqual({ ran: true, value: "after the failure" });
  });

  it("runs exclusive work (amendment decisions) one holder at a time, the other waiting however long", async () => {
    const events: string[] = [];
    const first = job("first", events);
    const second = job("second", events);
    const one = withExclusiveLock("amendment-decision", "draft-5", first.run);
    await first.running;
    const two = withExclusiveLock("amendment-decision", "draft-5", second.run);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(events).toEqual(["first start"]);
    first.finish();
    await second.running;
    second.finish();
    expect([await one, await two]).toEqual(["first", "second"]);
    expect(events).toEqual(["first start", "first end", "second start", "second end"]);
  });
});
