// Real app processes for the scale-out tests (tests/scale): `server/main.ts` as `npm start` runs
// it (production build, PostgreSQL, Redis), their log lines, a TCP load balancer without sticky
// sessions in front of them, and a signed-in HTTP session.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import type { AddressInfo } from "node:net";

export interface AppProcess {
  name: string;
  port: number;
  httpUrl: string;
  collabUrl: string;
  /** Every line the process printed (stdout and stderr). */
  lines: string[];
  child: ChildProcess;
  exited: Promise<number | null>;
  /** `[collab] <event> <json>` lines, parsed. */
  events(event: string): Record<string, unknown>[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts one app process on `port` against `databaseUrl`; resolves once it answers HTTP. */
export async function startAppProcess(name: string, port: number, databaseUrl: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: "0",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = "";
    stream.on("data", (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split("\n");
      rest = parts.pop()!;
      lines.push(...parts);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const app: AppProcess = {
    name,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    collabUrl: `ws://127.0.0.1:${port}/collab`,
    lines,
    child,
    exited,
    events(event) {
      const prefix = `[collab] ${event} `;
      return lines.filter((l) => l.startsWith(prefix)).map((l) => JSON.parse(l.slice(prefix.length)) as Record<string, unknown>);
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${lines.slice(-30).join("\n")}`);
    try {
      const res = await fetch(`${app.httpUrl}/login`);
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer in time:\n${lines.slice(-30).join("\n")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return app;
}

/** The last lines of each process, for a failing test's message. */
export const tails = (apps: AppProcess[], n = 25) => apps.map((a) => `--- ${a.name}\n${a.lines.slice(-n).join("\n")}`).join("\n");

export interface Balancer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A TCP load balancer: each new connection goes to the next backend in turn (no stickiness); a
 * backend that refuses the connection is skipped, so clients of a killed process reconnect to
 * the others.
 */
export async function startBalancer(ports: number[]): Promise<Balancer> {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.pause();
    const tryBackend = (attempt: number) => {
      if (attempt >= ports.length) return client.destroy();
      const port = ports[next++ % ports.length];
      const backend = net.connect(port, "127.0.0.1");
      backend.once("connect", () => {
        sockets.add(backend);
        backend.on("close", () => sockets.delete(backend));
        client.pipe(backend).pipe(client);
        client.resume();
        backend.on("error", () => client.destroy());
        client.on("error", () => backend.destroy());
        backend.on("close", () => client.destroy());
        client.on("close", () => backend.destroy());
      });
      backend.once("error", () => tryBackend(attempt + 1));
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `ws://127.0.0.1:${port}/collab`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A signed-in HTTP session on one process (next-auth's credentials flow, as the login form does). */
export async function signIn(app: AppProcess, email: string, password: string) {
  const cookies = new Map<string, string>();
  const remember = (res: Response) => {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const i = pair.indexOf("=");
      cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${app.httpUrl}/api/auth/csrf`);
  remember(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const login = await fetch(`${app.httpUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  remember(login);
  return {
    fetch: (path: string, init: RequestInit = {}) =>
      fetch(`${app.httpUrl}${path}`, { ...init, headers: { ...(init.headers ?? {}), cookie: header(), origin: app.httpUrl } }),
  };
}
