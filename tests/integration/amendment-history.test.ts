// History names the amendments that changed an article: compare lists "AM-001 (Senegal) accepted"
// for amendments accepted between the two versions, the article's history lists them at the
// version that first holds their text. Real SQLite; decisions recorded through the repository.
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { overTheWire } from "../helpers/contract";
import { createAmendment, type AmendmentDto } from "@/server/domain/amendments";
import { createMember, toActor } from "@/server/domain/members";
import { applyDraftChange, currentDraftState } from "@/server/domain/live-documents";
import { clauseHistory, compareVersions, createNamedVersion } from "@/server/domain/versions";
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";
import { anchorOnPassage } from "@/lib/comments/anchor";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { clauseHistorySchema, comparisonSchema } from "@/lib/contracts/versions";
import { amendmentsRepo } from "@/server/db/repositories/amendments";
import { db } from "@/server/db/client";

async function memberOf(delegation: string, name: string): Promise<Actor> {
  const user = await createMember(SYSTEM_ACTOR, { email: `${name.replace(/\W/g, "").toLowerCase()}-${Date.now()}@test.example`, name, delegation, role: "member", password: "correct horse battery" });
  return toActor(user)!;
}

/** Replaces a passage in the live text, as accepting an amendment does. */
async function replaceInText(draftId: string, from: string, to: string, by: Actor) {
  await applyDraftChange(
    draftId,
    (state) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const before = Y.encodeStateVector(doc);
      const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment | Y.XmlHook) => {
        if (node instanceof Y.XmlText) {
          const i = node.toString().indexOf(from);
          if (i >= 0) {
            node.delete(i, from.length);
            node.insert(i, to);
          }
        } else if (!(node instanceof Y.XmlHook)) node.toArray().forEach(visit);
      };
      visit(doc.getXmlFragment(YDOC_FIELD));
      return Y.encodeStateAsUpdate(doc, before);
    },
    by.id,
  );
}

/** A moment strictly after `date` (versions and decisions are ordered by their times). */
async function after(date: Date): Promise<Date> {
  while (Date.now() <= date.getTime()) await new Promise((r) => setTimeout(r, 2));
  return new Date();
}

describe("history names accepted amendments", () => {
  let chair: Actor, secretariat: Actor, viewer: Actor, senegal: Actor, morocco: Actor, tunisia: Actor;
  let draftId: string;
  let am1: AmendmentDto, am2: AmendmentDto, am3: AmendmentDto;
  let v1: { id: string; createdAt: Date }, v2: { id: string; createdAt: Date };

  beforeAll(async () => {
    await useFreshDatabase();
    [chair, secretariat, viewer] = await Promise.all([makeActor("chair"), makeActor("secretariat"), makeActor("viewer")]);
    senegal = await memberOf("Senegal", "Aminata Diallo");
    morocco = await memberOf("Morocco", "Youssef Alaoui");
    tunisia = await memberOf("Tunisia", "Leila Ben Salah");
    draftId = (
      await makeDraft(secretariat, "History", [
        { clauseId: "h1", heading: "Protection", paragraphs: [["Agencies shall respect non-refoulement at all times."]] },
        { clauseId: "h2", heading: "Cooperation", paragraphs: [["States shall cooperate."]] },
      ])
    ).id;
    const anchor = async (clauseId: string, exact: string) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await currentDraftState(draftId));
      return anchorOnPassage(doc, clauseId, exact)!;
    };
    // AM-001 is accepted before the first version: its text is the text of version 1.
    am1 = await createAmendment(tunisia, draftId, { clauseId: "h1", op: "MOD", anchor: await anchor("h1", "Agencies"), proposedText: "Border agencies", rationale: "Precision.", submit: true });
    await replaceInText(draftId, "Agencies", "Border agencies", chair);
    await amendmentsRepo.recordDecision(db(), am1.id, { status: "accepted", decidedById: chair.id, decidedAt: new Date(), observation: null, reading: "First reading" });
    am2 = await createAmendment(senegal, draftId, { clauseId: "h1", op: "MOD", anchor: await anchor("h1", "at all times"), proposedText: "in all circumstances", rationale: "Stronger.", submit: true });
    am3 = await createAmendment(morocco, draftId, { clauseId: "h2", op: "SUP", rationale: "Redundant.", submit: true });
    const first = await createNamedVersion(secretariat, draftId, { name: "Draft 1" });
    v1 = { id: first.id, createdAt: first.createdAt };

    // Between the versions: AM-002 accepted (applied to the text), AM-003 not accepted.
    await replaceInText(draftId, "at all times", "in all circumstances", chair);
    await amendmentsRepo.recordDecision(db(), am2.id, { status: "accepted", decidedById: chair.id, decidedAt: await after(v1.createdAt), observation: "Agreed.", reading: "Second reading" });
    await amendmentsRepo.recordDecision(db(), am3.id, { status: "not_accepted", decidedById: chair.id, decidedAt: new Date(), observation: "Needed.", reading: "Second reading" });
    const second = await createNamedVersion(secretariat, draftId, { name: "Draft 2" });
    v2 = { id: second.id, createdAt: second.createdAt };
  });

  it("compare names the amendment accepted between the two versions next to its article", async () => {
    const comparison = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: v1.id, to: v2.id }));
    expect(comparison.changes.find((c) => c.clauseId === "h1")?.kind).toBe("changed");
    expect(comparison.amendments).toEqual({ h1: [{ number: "AM-002", delegation: "Senegal", status: "accepted", at: expect.any(String) }] });
    // Up to the current text as well; never the one decided before the first version.
    const toCurrent = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: v1.id, to: "current" }));
    expect(toCurrent.amendments.h1?.map((a) => a.number)).toEqual(["AM-002"]);
    expect(toCurrent.amendments.h2).toBeUndefined();
  });

  it("the article's history lists each accepted amendment at the version that first holds it", async () => {
    const entries = overTheWire(clauseHistorySchema, await clauseHistory(viewer, draftId, "h1"));
    expect(entries.map((e) => [e.versionId, e.amendments.map((a) => `${a.number} (${a.delegation}) ${a.status}`)])).toEqual([
      [v1.id, ["AM-001 (Tunisia) accepted"]],
      [v2.id, ["AM-002 (Senegal) accepted"]],
    ]);
    expect((await clauseHistory(viewer, draftId, "h2")).flatMap((e) => e.amendments)).toEqual([]);
  });
});
