// JSON kept in text columns is read by the repositories with its contract schema (issue 14,
// Structure): callers get typed values, and a stored value of the wrong shape is a server fault
// naming the column, not an `undefined` that surfaces later as a wrong answer.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { db } from "@/server/db/client";
import { ensureMarrakeshImported } from "@/server/import/import-document";
import { getSource, searchSources } from "@/server/domain/sources";
import { draftCoverage } from "@/server/domain/citations";
import { listClauses } from "@/server/domain/drafts";
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";

describe("JSON columns", () => {
  let member: Actor;
  beforeAll(async () => {
    await useFreshDatabase();
    member = await makeActor("member");
    await ensureMarrakeshImported(SYSTEM_ACTOR);
  });

  it("returns a source item's actors as a list", async () => {
    const [item] = await searchSources(member, { actor: "morocco" });
    expect((await getSource(member, item.id)).actors).toEqual(["Morocco"]);
  });

  it("refuses a stored actors value that is JSON of the wrong shape, naming the column", async () => {
    const [item] = await searchSources(member, { actor: "morocco" });
    await db().sourceItem.update({ where: { id: item.id }, data: { actors: '{"name":"Morocco"}' } });
    await expect(getSource(member, item.id)).rejects.toThrow(/SourceItem\.actors does not match its schema/);
    await db().sourceItem.update({ where: { id: item.id }, data: { actors: '["Morocco"]' } });
  });

  it("refuses a clause index row whose missing citations are not JSON, naming the column", async () => {
    const secretariat = await makeActor("secretariat");
    const draft = await makeDraft(secretariat, "Columns", [{ clauseId: "c1", heading: "One", paragraphs: [["Text."]] }]);
    expect((await listClauses(member, draft.id)).map((c) => c.clauseId)).toEqual(["c1"]);
    await db().clauseIndex.updateMany({ where: { draftId: draft.id }, data: { missingCitations: "not json" } });
    await expect(listClauses(member, draft.id)).rejects.toThrow(/ClauseIndex\.missingCitations holds text that is not JSON/);
    await expect(draftCoverage(member, draft.id)).rejects.toThrow(/ClauseIndex\.missingCitations/);
  });
});
