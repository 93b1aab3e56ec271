// Issue 12, item 2: an ADD says where the new text goes (before or after the selected passage or
// article), so whoever applies it puts it in the right place.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { overTheWire } from "../helpers/contract";
import { createAmendment } from "@/server/domain/amendments";
import { amendmentSchema } from "@/lib/contracts/amendments";
import type { Actor } from "@/server/domain/actor";

describe("proposing an addition", () => {
  let member: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    const secretariat = await makeActor("secretariat");
    member = await makeActor("member");
    draftId = (await makeDraft(secretariat, "Additions", [{ clauseId: "c1", heading: "Scope", paragraphs: [["This Charter applies to all States."]] }])).id;
  });

  it("records before or after (after unless said), and nothing for other operations", async () => {
    const add = (position?: "before" | "after") =>
      createAmendment(member, draftId, { clauseId: "c1", op: "ADD", position, proposedText: "A new article.", rationale: "Gap." });
    expect(overTheWire(amendmentSchema, await add("before")).position).toBe("before");
    expect(overTheWire(amendmentSchema, await add()).position).toBe("after");
    const sup = await createAmendment(member, draftId, { clauseId: "c1", op: "SUP", rationale: "Redundant." });
    expect(overTheWire(amendmentSchema, sup).position).toBeNull();
  });

  it("refuses a position on anything but an addition, and an unknown position", async () => {
    await expect(createAmendment(member, draftId, { clauseId: "c1", op: "SUP", position: "before", rationale: "x" })).rejects.toMatchObject({ code: "invalid" });
    await expect(createAmendment(member, draftId, { clauseId: "c1", op: "ADD", position: "inside", proposedText: "x", rationale: "x" })).rejects.toMatchObject({ code: "invalid" });
  });
});
