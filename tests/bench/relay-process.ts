// Baseline for the benchmarks: a bare y-protocols relay (one Y.Doc per room, sync + awareness,
// broadcast), with no authentication, no read-only filter, no persistence and no indexing.
import { createServer } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import * as Y from "yjs";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import { monitorEventLoopDelay } from "node:perf_hooks";

// With COLLAB_STAGE_TIMES=1, GET /stages answers the relay's event-loop delay histogram and the
// time it spends on each incoming update (apply + broadcast), the baseline of the breakdown.
const timing = process.env.COLLAB_STAGE_TIMES === "1";
const loopDelay = timing ? monitorEventLoopDelay({ resolution: 1 }) : null;
loopDelay?.enable();
const handled: number[] = [];

interface Room { doc: Y.Doc; awareness: awarenessProtocol.Awareness; conns: Set<WebSocket> }
const rooms = new Map<string, Room>();

function room(name: string): Room {
  let r = rooms.get(name);
  if (r) return r;
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  r = { doc, awareness, conns: new Set() };
  const current = r;
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, update);
    const m = encoding.toUint8Array(e);
    for (const c of current.conns) if (c !== origin) c.send(m);
  });
  awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]));
    const m = encoding.toUint8Array(e);
    for (const c of current.conns) c.send(m);
  });
  rooms.set(name, r);
  return r;
}

const wss = new WebSocketServer({ noServer: true });
const http = createServer((req, res) => {
  if (req.url === "/stages" && loopDelay) {
    const ms = (ns: number) => Math.round(ns / 1e3) / 1e3;
    const sorted = [...handled].sort((a, b) => a - b);
    const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 1000) / 1000;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({
      stages: { "relay: decode + apply + broadcast (readSyncMessage)": { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99) } },
      eventLoopDelayMs: { p50: ms(loopDelay.percentile(50)), p90: ms(loopDelay.percentile(90)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max), mean: ms(loopDelay.mean), count: loopDelay.count },
    }));
    return;
  }
  if (req.url === "/stages/reset" && loopDelay) {
    handled.length = 0;
    loopDelay.reset();
    res.writeHead(204).end();
    return;
  }
  res.writeHead(404).end();
});
http.on("upgrade", (req, socket, head) =>
  wss.handleUpgrade(req, socket, head, (ws) => {
    const r = room(new URL(req.url ?? "/", "http://x").pathname.slice(1));
    r.conns.add(ws);
    ws.on("message", (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(d);
      if (type === 0) {
        const start = timing ? performance.now() : 0;
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        syncProtocol.readSyncMessage(d, e, r.doc, ws);
        if (encoding.length(e) > 1) ws.send(encoding.toUint8Array(e));
        if (timing && handled.length < 100_000) handled.push(performance.now() - start);
      } else if (type === 1) awarenessProtocol.applyAwarenessUpdate(r.awareness, decoding.readVarUint8Array(d), ws);
    });
    ws.on("close", () => r.conns.delete(ws));
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, r.doc);
    ws.send(encoding.toUint8Array(e));
  }),
);
http.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
