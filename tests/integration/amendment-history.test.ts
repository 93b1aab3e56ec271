// History names the amendments that changed an article, by one rule: the version made when an
// amendment was accepted is linked to it (server/domain/amendments/decide.ts). Compare lists the
// amendments linked to the versions it covers, the article's history lists the one linked to each
// entry's version. Real SQLite; amendments accepted through the decision domain, as the chair does.
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { replaceInLiveText } from "../helpers/live-text";
import { overTheWire } from "../helpers/contract";
import { createAmendment, updateAmendment, type AmendmentDto } from "@/server/domain/amendments";
import { currentDraftState } from "@/server/domain/live-documents";
import { clauseHistory, compareVersions, createNamedVersion, listVersions } from "@/server/domain/versions";
import { type Actor } from "@/server/domain/actor";
import { anchorOnPassage } from "@/lib/comments/anchor";
import { clauseHistorySchema, comparisonSchema, versionListSchema, type Version } from "@/lib/contracts/versions";



describe("history names accepted amendments through the versions their acceptance made", () => {
  let chair: Actor, secretariat: Actor, viewer: Actor, senegal: Actor, morocco: Actor, tunisia: Actor;
  let draftId: string;
  let am1: AmendmentDto, am2: AmendmentDto, am3: AmendmentDto;
  let draft1: { id: string };
  /** Oldest first. */
  let versions: Version[];
  const named = (name: string) => versions.find((v) => v.name === name)!;
  /** The version just before the named one: the text before the amendment was applied. */
  const before = (name: string) => versions[versions.indexOf(named(name)) - 1];

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
    am1 = await createAmendment(tunisia, draftId, { clauseId: "h1", op: "MOD", anchor: await anchor("h1", "Agencies"), proposedText: "Border agencies", rationale: "Precision.", submit: true });
    await updateAmendment(chair, am1.id, { status: "accepted", reading: "First reading" });
    am2 = await createAmendment(senegal, draftId, { clauseId: "h1", op: "MOD", anchor: await anchor("h1", "at all times"), proposedText: "in all circumstances", rationale: "Stronger.", submit: true });
    am3 = await createAmendment(morocco, draftId, { clauseId: "h2", op: "SUP", rationale: "Redundant.", submit: true });
    draft1 = await createNamedVersion(secretariat, draftId, { name: "Draft 1" });

    // After Draft 1: an editor's own change to h2 (so accepting saves a new version of the text
    // before it, later than the decision), AM-002 accepted as modified, AM-003 not accepted.
    await replaceInLiveText(draftId, "cooperate", "cooperate closely", secretariat);
    await updateAmendment(chair, am2.id, { status: "accepted_modified", modifiedText: "in all circumstances whatsoever", observation: "Agreed.", reading: "Second reading" });
    await updateAmendment(chair, am3.id, { status: "not_accepted", observation: "Needed.", reading: "Second reading" });
    versions = overTheWire(versionListSchema, await listVersions(viewer, draftId)).reverse();
  });

  it("accepting makes a version before and a named version linked to the amendment after", () => {
    expect(named("AM-001 (Tunisia) accepted").amendment).toEqual({ id: am1.id, number: "AM-001", delegation: "Tunisia" });
    expect(named("AM-002 (Senegal) accepted as modified").amendment).toEqual({ id: am2.id, number: "AM-002", delegation: "Senegal" });
    // The text before AM-002, with the editor's change: saved when accepting, after the decision.
    expect(before("AM-002 (Senegal) accepted as modified")).toMatchObject({ kind: "auto", amendment: null });
    expect(before("AM-002 (Senegal) accepted as modified").id).not.toBe(draft1.id);
  });

  it("compare of the version before an acceptance with the version it made names the amendment beside its article", async () => {
    const am2Version = named("AM-002 (Senegal) accepted as modified");
    const comparison = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: before(am2Version.name!).id, to: am2Version.id }));
    expect(comparison.changes.find((c) => c.clauseId === "h1")?.kind).toBe("changed");
    expect(comparison.amendments).toEqual({ h1: [{ number: "AM-002", delegation: "Senegal", status: "accepted_modified", at: expect.any(String) }] });
  });

  it("compare up to the current text names every amendment applied after `from`, never an editor's change or a refused one", async () => {
    const sinceDraft1 = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: draft1.id, to: "current" }));
    expect(sinceDraft1.changes.find((c) => c.clauseId === "h2")?.kind).toBe("changed");
    expect(sinceDraft1.amendments).toEqual({ h1: [expect.objectContaining({ number: "AM-002" })] });
    const sinceStart = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: versions[0].id, to: "current" }));
    expect(sinceStart.amendments.h1?.map((a) => `${a.number} (${a.delegation}) ${a.status}`)).toEqual(["AM-001 (Tunisia) accepted", "AM-002 (Senegal) accepted_modified"]);
    // `from` itself is not covered: the AM-001 version compared onwards names AM-002 only.
    const fromAm1 = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: named("AM-001 (Tunisia) accepted").id, to: "current" }));
    expect(fromAm1.amendments.h1?.map((a) => a.number)).toEqual(["AM-002"]);
  });

  it("the article's history lists each accepted amendment at the version its acceptance made", async () => {
    const entries = overTheWire(clauseHistorySchema, await clauseHistory(viewer, draftId, "h1"));
    expect(entries.map((e) => [e.name, e.text, e.amendments.map((a) => `${a.number} (${a.delegation}) ${a.status}`)])).toEqual([
      [null, "Agencies shall respect non-refoulement at all times.", []],
      ["AM-001 (Tunisia) accepted", "Border agencies shall respect non-refoulement at all times.", ["AM-001 (Tunisia) accepted"]],
      ["AM-002 (Senegal) accepted as modified", "Border agencies shall respect non-refoulement in all circumstances whatsoever.", ["AM-002 (Senegal) accepted_modified"]],
    ]);
    expect((await clauseHistory(viewer, draftId, "h2")).flatMap((e) => e.amendments)).toEqual([]);
  });
});
