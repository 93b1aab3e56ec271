// A TCP proxy on 127.0.0.1 that injects network faults between websocket clients and the
// server: per-chunk delays, dropped connections and partitions (new connections refused).
import net from "node:net";

export interface FaultProxy {
  port: number;
  /** Faults on: delays up to maxDelayMs, and each chunk kills its connection with dropRate. */
  setFaults(faults: { maxDelayMs: number; dropRate: number; partitioned: boolean }): void;
  heal(): void;
  close(): Promise<void>;
  stats: { connections: number; dropped: number; refused: number };
}

/** A small seeded PRNG (mulberry32), so a failing seed can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(targetPort: number, random: () => number): Promise<FaultProxy> {
  let faults = { maxDelayMs: 0, dropRate: 0, partitioned: false };
  const sockets = new Set<net.Socket>();
  const stats = { connections: 0, dropped: 0, refused: 0 };
  const server = net.createServer((client) => {
    if (faults.partitioned) {
      stats.refused++;
      client.destroy();
      return;
    }
    stats.connections++;
    const upstream = net.connect(targetPort, "127.0.0.1");
    sockets.add(client);
    sockets.add(upstream);
    const kill = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    // Chunks keep their order per direction: each waits for the previous one.
    const pipe = (from: net.Socket, to: net.Socket) => {
      let chain = Promise.resolve();
      from.on("data", (chunk) => {
        if (faults.dropRate > 0 && random() < faults.dropRate) {
          stats.dropped++;
          kill();
          return;
        }
        const delay = faults.maxDelayMs > 0 ? random() * faults.maxDelayMs : 0;
        chain = chain.then(() => new Promise<void>((resolve) => setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
          resolve();
        }, delay)));
      });
    };
    pipe(client, upstream);
    pipe(upstream, client);
    client.on("error", kill).on("close", kill);
    upstream.on("error", kill).on("close", kill);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    setFaults: (f) => {
      faults = f;
    },
    heal: () => {
      faults = { maxDelayMs: 0, dropRate: 0, partitioned: false };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
    stats,
  };
}
