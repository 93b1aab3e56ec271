import { describe, expect, it } from "vitest";
import { clearFailures, isThrottled, recordFailure } from "@/server/auth/throttle";
import { clientAddress, PEER_HEADER, publicHost, servedOverHttps } from "@/server/auth/trusted-proxy";

describe("sign-in throttling", () => {
  it("locks an account at one address after 5 failures and frees it after 15 minutes", async () => {
    const attempt = { account: "a@x.test", address: "10.0.0.1" };
    const t0 = 1_000_000;
    for (let i = 0; i < 4; i++) await recordFailure(attempt, t0 + i);
    expect(await isThrottled(attempt, t0 + 10)).toBe(false);
    await recordFailure(attempt, t0 + 5);
    expect(await isThrottled(attempt, t0 + 10)).toBe(true);
    expect(await isThrottled(attempt, t0 + 15 * 60 * 1000 + 10)).toBe(false);
  });

  it("five guesses elsewhere never lock the owner out at their own address", async () => {
    const t0 = 3_000_000;
    for (let i = 0; i < 5; i++) await recordFailure({ account: "victim@x.test", address: "203.0.113.66" }, t0 + i);
    expect(await isThrottled({ account: "victim@x.test", address: "203.0.113.66" }, t0 + 10)).toBe(true);
    expect(await isThrottled({ account: "victim@x.test", address: "10.0.0.7" }, t0 + 10)).toBe(false);
  });

  it("gives a shared address a higher limit across accounts, so one person's typos do not lock a delegation", async () => {
    const t0 = 5_000_000;
    for (let i = 0; i < 5; i++) await recordFailure({ account: "b@x.test", address: "10.0.0.2" }, t0 + i);
    expect(await isThrottled({ account: "c@x.test", address: "10.0.0.2" }, t0 + 10)).toBe(false);
    for (let i = 0; i < 45; i++) await recordFailure({ account: `u${i}@x.test`, address: "10.0.0.2" }, t0 + 10 + i);
    expect(await isThrottled({ account: "c@x.test", address: "10.0.0.2" }, t0 + 100)).toBe(true);
    await clearFailures({ account: "b@x.test", address: "10.0.0.3" });
    expect(await isThrottled({ account: "b@x.test", address: "10.0.0.3" }, t0 + 100)).toBe(false);
  });
});

describe("trusted proxy", () => {
  const direct = {};
  const behindOne = { TRUST_PROXY: "1" };

  it("ignores X-Forwarded-For unless a proxy is declared", () => {
    const headers = { [PEER_HEADER]: "198.51.100.9", "x-forwarded-for": "10.0.0.7" };
    expect(clientAddress(headers, direct)).toBe("198.51.100.9");
    expect(clientAddress(new Headers(headers), direct)).toBe("198.51.100.9");
  });

  it("behind one proxy takes the address the proxy saw, not what the client wrote before it", () => {
    // The client sent "X-Forwarded-For: 10.0.0.7"; the proxy appended the real address.
    const headers = { [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "10.0.0.7, 198.51.100.9" };
    expect(clientAddress(headers, behindOne)).toBe("198.51.100.9");
    expect(clientAddress({ [PEER_HEADER]: "127.0.0.1" }, behindOne)).toBe("127.0.0.1");
  });

  it("believes X-Forwarded-Host and -Proto only behind a declared proxy", () => {
    const headers = new Headers({ host: "charter.example.org", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(publicHost(headers, direct)).toBe("charter.example.org");
    expect(servedOverHttps(headers, direct)).toBe(false);
    expect(publicHost(headers, behindOne)).toBe("evil.example");
    expect(servedOverHttps(headers, behindOne)).toBe(true);
  });
});
