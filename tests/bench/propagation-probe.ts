// A writer and a reader of one room in their own process, for benchmarks that must time a room's
// propagation while the benchmark's own process is busy (e.g. applying a large document it opened).
// Usage: tsx tests/bench/propagation-probe.ts <ws url> <room> <writer token> <reader token> <interval ms>
// Prints "ready" once both are synced, then one line per relayed edit: "<Date.now() at send> <latency ms>".
// Stops on SIGTERM.
import { connectClient, synced } from "./lib";

const [url, room, writerToken, readerToken, interval] = process.argv.slice(2);
const writer = connectClient(url, room, writerToken, false);
const reader = connectClient(url, room, readerToken, false);
const sentAt: { wall: number; at: number }[] = [];
let seen = 0;
reader.doc.getText("probe").observe(() => {
  const now = performance.now();
  const n = reader.doc.getText("probe").length;
  for (; seen < n; seen++) process.stdout.write(`${sentAt[seen].wall} ${(now - sentAt[seen].at).toFixed(2)}\n`);
});
void Promise.all([synced(writer.provider), synced(reader.provider)]).then(() => {
  process.stdout.write("ready\n");
  const text = writer.doc.getText("probe");
  setInterval(() => {
    sentAt.push({ wall: Date.now(), at: performance.now() });
    text.insert(text.length, "x");
  }, Number(interval));
});
process.on("SIGTERM", () => process.exit(0));
