// The collaboration bus on Redis pub/sub (see bus.ts): one connection publishes, one listens.
// Redis keeps nothing for us: a message published while a process is disconnected is gone, which
// is why every update carries its per-draft sequence number and the store has them all.
import { randomUUID } from "node:crypto";
import Redis from "ioredis";
import {
  CONTROL_CHANNEL,
  decodeBusMessage,
  draftChannel,
  encodeBusMessage,
  type CollabBus,
  type ControlBusMessage,
  type DraftBusMessage,
  type FromProcess,
} from "./bus";
import type { CollabLog } from "./connection";

export class RedisBus implements CollabBus {
  readonly processId = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly drafts = new Map<string, (message: FromProcess<DraftBusMessage>) => void>();
  private readonly controlHandlers = new Set<(message: FromProcess<ControlBusMessage>) => void>();
  private readonly connectionHandlers = new Set<(up: boolean) => void>();
  private up = false;
  private closed = false;
  private errorLogged = false;

  constructor(
    url: string,
    private readonly log?: CollabLog,
  ) {
    const options = {
      // Never queue while down: a late publish is useless (receivers catch up from the store) and
      // a queued subscribe would be replayed twice (we resubscribe ourselves on "ready").
      enableOfflineQueue: false,
      autoResubscribe: false,
      maxRetriesPerRequest: 1,
      // Retry fast at first, then every second: processes catch up as soon as Redis is back.
      retryStrategy: (times: number) => Math.min(100 * times, 1000),
      lazyConnect: true,
    };
    this.pub = new Redis(url, { ...options, connectionName: "charter-pub" });
    this.sub = new Redis(url, { ...options, connectionName: "charter-sub" });
    for (const client of [this.pub, this.sub]) {
      // Once per outage: ioredis reports every failed retry (one a second while Redis is down).
      client.on("error", (error: Error) => {
        if (this.errorLogged) return;
        this.errorLogged = true;
        this.log?.("bus_error", { error: error.message });
      });
      client.on("close", () => this.setUp(false));
      client.on("ready", () => void this.onReady());
    }
    this.sub.on("messageBuffer", (channel: Buffer, frame: Buffer) => this.deliver(channel.toString(), frame));
  }

  /** Connects both clients; resolves even when Redis is down (it keeps retrying and catches up). */
  async start(): Promise<void> {
    await Promise.allSettled([this.pub.connect(), this.sub.connect()]);
  }

  get connected(): boolean {
    return this.up;
  }

  async joinDraft(draftId: string, handler: (message: FromProcess<DraftBusMessage>) => void): Promise<() => void> {
    this.drafts.set(draftId, handler);
    const leave = () => {
      if (this.drafts.get(draftId) !== handler) return; // a newer room of the draft listens now
      this.drafts.delete(draftId);
      if (this.up) this.sub.unsubscribe(draftChannel(draftId)).catch(() => undefined);
    };
    if (!this.up) return leave; // subscribed on "ready"; the room catches up then
    try {
      await this.sub.subscribe(draftChannel(draftId));
    } catch (error) {
      this.log?.("bus_subscribe_failed", { draftId, error: String(error) });
    }
    return leave;
  }

  publishDraft(message: DraftBusMessage): void {
    this.publish(draftChannel(message.draftId), message);
  }

  publishControl(message: ControlBusMessage): void {
    this.publish(CONTROL_CHANNEL, message);
  }

  onControl(handler: (message: FromProcess<ControlBusMessage>) => void): () => void {
    this.controlHandlers.add(handler);
    return () => this.controlHandlers.delete(handler);
  }

  onConnectionChange(handler: (up: boolean) => void): () => void {
    this.connectionHandlers.add(handler);
    return () => this.connectionHandlers.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.setUp(false);
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }

  private publish(channel: string, message: DraftBusMessage | ControlBusMessage): void {
    if (!this.up) return;
    this.pub.publish(channel, encodeBusMessage({ ...message, from: this.processId })).catch((error: unknown) => {
      this.log?.("bus_publish_failed", { channel, error: String(error) });
    });
  }

  /** Both connections ready: subscribe to everything this process listens to, then tell the rooms. */
  private async onReady(): Promise<void> {
    if (this.closed || this.pub.status !== "ready" || this.sub.status !== "ready") return;
    try {
      await this.sub.subscribe(CONTROL_CHANNEL, ...[...this.drafts.keys()].map(draftChannel));
    } catch (error) {
      this.log?.("bus_subscribe_failed", { error: String(error) });
      return;
    }
    this.setUp(true);
  }

  private setUp(up: boolean): void {
    if (this.up === up || (up && this.closed)) return;
    this.up = up;
    if (up) this.errorLogged = false;
    this.log?.(up ? "bus_up" : "bus_down", {});
    for (const handler of this.connectionHandlers) handler(up);
  }

  private deliver(channel: string, frame: Buffer): void {
    const message = decodeBusMessage<DraftBusMessage | ControlBusMessage>(frame);
    if (!message) return this.log?.("bus_message_unreadable", { channel });
    if (message.from === this.processId) return;
    try {
      if (channel === CONTROL_CHANNEL) {
        for (const handler of this.controlHandlers) handler(message as FromProcess<ControlBusMessage>);
      } else {
        const draftId = (message as DraftBusMessage).draftId;
        if (channel === draftChannel(draftId)) this.drafts.get(draftId)?.(message as FromProcess<DraftBusMessage>);
      }
    } catch (error) {
      this.log?.("bus_handler_failed", { channel, error: String(error) });
    }
  }
}
