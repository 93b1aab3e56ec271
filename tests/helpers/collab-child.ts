// Starts and stops tests/helpers/collab-process.ts as a child process on a random port.
import { spawn, type ChildProcess } from "node:child_process";

export interface CollabChild {
  port: number;
  url: string;
  child: ChildProcess;
  alive(): boolean;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startCollabChild(port = 20000 + Math.floor(Math.random() * 20000), env: Record<string, string> = {}): Promise<CollabChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/collab-process.ts"], {
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let exited = false;
    child.on("exit", () => (exited = true));
    child.stderr!.on("data", () => undefined);
    child.stdout!.on("data", (d: Buffer) => {
      if (!d.toString().includes("ready")) return;
      resolve({
        port,
        url: `ws://127.0.0.1:${port}/collab`,
        child,
        alive: () => !exited,
        stop: (signal = "SIGKILL") =>
          new Promise((done) => {
            if (exited) return done(child.exitCode);
            child.once("exit", (code) => done(code));
            child.kill(signal);
          }),
      });
    });
    child.once("exit", (code) => reject(new Error(`collab process exited ${code}`)));
  });
}
