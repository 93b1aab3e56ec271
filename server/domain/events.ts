// In-process domain events, shared through globalThis so that the Next.js bundle and the
// collaboration server (one process, two module copies) hear each other.
import { EventEmitter } from "node:events";

type Events = {
  "member.changed": [userId: string];
  "notifications.changed": [userIds: string[]];
  /** A draft's drafting phase changed: who may type into its text changed for its open sessions. */
  "draft.phase_changed": [draftId: string];
};
const KEY = Symbol.for("charter.events");
const holder = globalThis as unknown as { [KEY]?: EventEmitter };
const emitter = (holder[KEY] ??= new EventEmitter());

export function emitDomainEvent<E extends keyof Events>(event: E, ...args: Events[E]): void {
  emitter.emit(event, ...args);
}

/**
 * Emits and waits for what the listeners started (a listener may return a promise): for changes
 * that must have taken effect before the caller answers (a phase change locks open editors).
 */
export async function emitDomainEventAndSettle<E extends keyof Events>(event: E, ...args: Events[E]): Promise<void> {
  await Promise.all(emitter.listeners(event).map((listener) => (listener as (...a: Events[E]) => unknown)(...args)));
}

export function onDomainEvent<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void | Promise<void>): () => void {
  emitter.on(event, listener as (...a: unknown[]) => void);
  return () => emitter.off(event, listener as (...a: unknown[]) => void);
}
