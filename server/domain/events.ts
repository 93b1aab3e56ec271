// In-process domain events, shared through globalThis so that the Next.js bundle and the
// collaboration server (one process, two module copies) hear each other.
import { EventEmitter } from "node:events";

type Events = { "member.changed": [userId: string]; "notifications.changed": [userIds: string[]] };
const KEY = Symbol.for("charter.events");
const holder = globalThis as unknown as { [KEY]?: EventEmitter };
const emitter = (holder[KEY] ??= new EventEmitter());

export function emitDomainEvent<E extends keyof Events>(event: E, ...args: Events[E]): void {
  emitter.emit(event, ...args);
}

export function onDomainEvent<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): () => void {
  emitter.on(event, listener as (...a: unknown[]) => void);
  return () => emitter.off(event, listener as (...a: unknown[]) => void);
}
