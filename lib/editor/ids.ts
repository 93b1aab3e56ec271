// Short random ids; crypto.getRandomValues works in browsers on plain http too (randomUUID does not).
export function newClauseId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return "cl-" + Array.from(bytes, (b) => b.toString(36).padStart(2, "0")).join("").slice(0, 14);
}
