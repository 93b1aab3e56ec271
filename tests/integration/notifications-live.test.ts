// The live side of notifications: each recipient hears of a change after it is stored (the
// header's count reads it through /api/notifications/stream), and only their own.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { createThread, listNotifications, markNotificationsRead, onNotificationsChanged, replyToThread, unreadNotifications, updateThread } from "@/server/domain/comments";
import type { Actor } from "@/server/domain/actor";

describe("notifications, live", () => {
  let secretariat: Actor, chair: Actor, member: Actor, observer: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    [secretariat, chair, member, observer] = await Promise.all([makeActor("secretariat"), makeActor("chair", "Youssef Alaoui"), makeActor("member", "Aminata Diallo"), makeActor("observer", "Claire Martin")]);
    draftId = (await makeDraft(secretariat, "Live notifications", [{ clauseId: "c1", heading: "Protection", paragraphs: [["Agencies shall screen arrivals."]] }])).id;
  });

  /** How often each actor was told (the event is emitted once the change is committed). */
  function listen(...actors: Actor[]) {
    const heard = new Map<string, number>(actors.map((a) => [a.id, 0]));
    const stops = actors.map((a) => onNotificationsChanged(a, () => heard.set(a.id, heard.get(a.id)! + 1)));
    return { heard, stop: () => stops.forEach((s) => s()) };
  }

  it("a reply, a mention and a resolution tell exactly their recipients, with the count already stored", async () => {
    const thread = await createThread(member, draftId, { anchor: { clauseId: "c1" }, body: "Which agencies?" });
    const { heard, stop } = listen(member, observer, chair);
    await replyToThread(chair, thread.id, { body: `Border police. @[Claire Martin](user:${observer.id})` });
    expect(heard.get(member.id)).toBe(1); // reply to a thread she took part in
    expect(heard.get(observer.id)).toBe(1); // mentioned
    expect(heard.get(chair.id)).toBe(0); // the author is not notified
    expect(await unreadNotifications(member)).toBe(1);
    await updateThread(chair, thread.id, { status: "resolved" });
    expect(heard.get(member.id)).toBe(2);
    expect(await unreadNotifications(member)).toBe(2);
    stop();
    const [reply] = (await listNotifications(member)).filter((n) => n.type === "reply");
    expect(reply.data.commentId).toBeTruthy(); // the notification opens on the reply itself
  });

  it("marking read tells the reader only, and nothing when nothing changed", async () => {
    const { heard, stop } = listen(member, observer);
    const [first] = await listNotifications(member);
    await markNotificationsRead(member, { ids: [first.id] });
    expect(heard.get(member.id)).toBe(1);
    await markNotificationsRead(member, { ids: [first.id] }); // already read: nothing changed
    expect(heard.get(member.id)).toBe(1);
    expect(heard.get(observer.id)).toBe(0);
    stop();
  });
});
