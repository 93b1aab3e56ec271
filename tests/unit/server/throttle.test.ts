import { describe, expect, it } from "vitest";
import { clearFailures, isThrottled, recordFailure } from "@/server/auth/throttle";

describe("sign-in throttling", () => {
  it("locks an account after 5 failures and frees it after 15 minutes", () => {
    const keys = ["email:a@x.test"] as const;
    const t0 = 1_000_000;
    for (let i = 0; i < 4; i++) recordFailure([...keys], t0 + i);
    expect(isThrottled([...keys], t0 + 10)).toBe(false);
    recordFailure([...keys], t0 + 5);
    expect(isThrottled([...keys], t0 + 10)).toBe(true);
    expect(isThrottled([...keys], t0 + 15 * 60 * 1000 + 10)).toBe(false);
  });
  it("gives a shared address a higher limit, so one person's typos do not lock a delegation", () => {
    const t0 = 5_000_000;
    for (let i = 0; i < 5; i++) recordFailure(["email:b@x.test", "ip:10.0.0.1"], t0 + i);
    expect(isThrottled(["email:c@x.test", "ip:10.0.0.1"], t0 + 10)).toBe(false);
    for (let i = 0; i < 45; i++) recordFailure([`email:u${i}@x.test`, "ip:10.0.0.1"], t0 + 10 + i);
    expect(isThrottled(["email:c@x.test", "ip:10.0.0.1"], t0 + 100)).toBe(true);
    clearFailures(["email:b@x.test"]);
    expect(isThrottled(["email:b@x.test"], t0 + 100)).toBe(false);
  });
});
