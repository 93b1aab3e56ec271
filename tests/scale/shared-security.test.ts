// Security rules that must hold across app processes (issue 15): a collaboration token opens one
// socket on any process, and sign-in failures counted by one process throttle the others.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedWithin, rawSocket, waitFor } from "../helpers/collab";
import { makeActor, makeDraft } from "../helpers/factories";
import { startCollabOnBus, useFreshPostgres, type BusCollab } from "../helpers/scale";
import { mintCollabAccess } from "@/server/domain/drafts/collab-access";
import { databaseSignInFailures } from "@/server/domain/members/sign-in-failures";
import { ACCOUNT_LIMIT, isThrottled, memoryFailures, recordFailure } from "@/server/auth/throttle";
import { CLOSE } from "@/server/collab/close-codes";

describe("security state shared by app processes", () => {
  let a: BusCollab;
  let b: BusCollab;

  beforeAll(async () => {
    await useFreshPostgres();
    a = await startCollabOnBus();
    b = await startCollabOnBus();
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it("a token that opened a socket on one process opens nothing on the other (4401 already_used)", async () => {
    const secretariat = await makeActor("secretariat");
    const draft = await makeDraft(secretariat, "Tokens");
    const access = await mintCollabAccess(secretariat, draft.id, a.url);
    const first = await rawSocket(`${a.url}/${access.room}?token=${access.token}`);
    await waitFor(() => first.messages.length > 0, 5000, "served on A");
    const replay = await rawSocket(`${b.url}/${access.room}?token=${access.token}`);
    const closed = await closedWithin(replay.closed, 5000);
    expect(closed).toEqual({ code: CLOSE.unauthorized, reason: "already_used" });
    first.ws.close();
  });

  it("sign-in failures recorded by one process throttle the account on the others", async () => {
    const attempt = { account: "target@example.org", address: "198.51.100.20" };
    const now = Date.now();
    // Another process recorded them: they are in the database, not in this process's memory.
    for (let i = 0; i < ACCOUNT_LIMIT; i++) await databaseSignInFailures.add([`account:${attempt.account}|${attempt.address}`], now - 1000 + i, 15 * 60_000);
    expect(await isThrottled(attempt, now, memoryFailures)).toBe(false); // what one process alone would know
    expect(await isThrottled(attempt, now)).toBe(true); // with REDIS_URL the shared store is used
    // And what this process records, the others see.
    const other = { account: "other@example.org", address: "198.51.100.21" };
    for (let i = 0; i < ACCOUNT_LIMIT; i++) await recordFailure(other, now + i);
    expect(await databaseSignInFailures.count(`account:${other.account}|${other.address}`, now - 1)).toBe(ACCOUNT_LIMIT);
  });
});
