import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor } from "../helpers/factories";
import { ensureMarrakeshImported, importOutcomeDocument, MARRAKESH_2023 } from "@/server/import/import-document";
import { searchSources, getSource, sourceFacets } from "@/server/domain/sources";
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";
import { db } from "@/server/db/client";
import { overTheWire } from "../helpers/contract";
import { sourceItemListSchema, sourceItemSchema } from "@/lib/contracts/sources";

describe("source library import", () => {
  let member: Actor, secretariat: Actor;
  beforeAll(async () => {
    await useFreshDatabase();
    member = await makeActor("member");
    secretariat = await makeActor("secretariat");
  });

  it("imports the shipped document once, and again without duplicates or changed keys", async () => {
    expect(await ensureMarrakeshImported(SYSTEM_ACTOR)).toBe("imported");
    const first = overTheWire(sourceItemListSchema, await searchSources(member, {}));
    expect(first).toHaveLength(60);
    expect(await ensureMarrakeshImported(SYSTEM_ACTOR)).toBe("present");
    const again = await importOutcomeDocument(secretariat, { ...MARRAKESH_2023, text: readFileSync(MARRAKESH_2023.file, "utf8"), confirm: true });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 60, withdrawn: 0, saved: true });
    const second = overTheWire(sourceItemListSchema, await searchSources(member, {}));
    expect(second.map((i) => [i.id, i.key])).toEqual(first.map((i) => [i.id, i.key]));
    expect(await db().sourceItem.count()).toBe(60);
  });

  it("searches the full text, ignoring accents and case, and filters by kind, section and actor", async () => {
    expect((overTheWire(sourceItemListSchema, await searchSources(member, { q: "COTE D'IVOIRE" }))).map((i) => i.key)).toEqual(["MKH23-GP-14"]);
    expect((overTheWire(sourceItemListSchema, await searchSources(member, { q: "emergency funding" }))).map((i) => i.key)).toEqual(["MKH23-REC-09"]);
    const conclusions = overTheWire(sourceItemListSchema, await searchSources(member, { kind: "conclusion" }));
    expect(conclusions).toHaveLength(6);
    const facets = await sourceFacets(member);
    expect(facets.actors).toEqual(expect.arrayContaining(["Morocco", "Nigeria", "EUROPOL", "Côte d'Ivoire"]));
    const bySection = overTheWire(sourceItemListSchema, await searchSources(member, { section: "Conclusions of the Thematic Meeting" }));
    expect(bySection).toHaveLength(6);
    const morocco = overTheWire(sourceItemListSchema, await searchSources(member, { actor: "morocco" }));
    expect(morocco.map((i) => i.key)).toEqual(["MKH23-GP-02", "MKH23-GP-09", "MKH23-GP-12"]);
    expect((overTheWire(sourceItemSchema, await getSource(member, morocco[0].id))).actors).toEqual(["Morocco"]);
  });

  it("previews an upload without saving, then saves it; a re-import with an item removed withdraws it", async () => {
    const text = "Several **recommendations** were made:\n\n- **Ghana** should do one thing.\n- Another thing should be done.\n";
    const preview = await importOutcomeDocument(secretariat, { text, keyPrefix: "TST", title: "Test", confirm: false });
    expect(preview).toMatchObject({ created: 2, saved: false });
    expect(overTheWire(sourceItemListSchema, await searchSources(member, { q: "Another thing" }))).toHaveLength(0);
    await importOutcomeDocument(secretariat, { text, keyPrefix: "TST", title: "Test", confirm: true });
    expect(overTheWire(sourceItemListSchema, await searchSources(member, { q: "Another thing" }))).toHaveLength(1);
    const shorter = "Several **recommendations** were made:\n\n- **Ghana** should do one thing.\n";
    const summary = await importOutcomeDocument(secretariat, { text: shorter, keyPrefix: "TST", title: "Test", confirm: true });
    expect(summary).toMatchObject({ unchanged: 1, withdrawn: 1 });
    expect(overTheWire(sourceItemListSchema, await searchSources(member, { q: "Another thing" }))).toHaveLength(0); // withdrawn items leave search
    expect(await db().sourceItem.count({ where: { key: "TST-REC-02", status: "withdrawn" } })).toBe(1); // but are kept
  });

  it("rejects a file it cannot parse with a clear error and changes nothing", async () => {
    const before = await db().sourceItem.count();
    await expect(importOutcomeDocument(secretariat, { text: "Only prose here.\n\nNo lists at all.", keyPrefix: "BAD", title: "Bad", confirm: true })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/No challenges, good practices, recommendations or conclusions/),
    });
    await expect(importOutcomeDocument(secretariat, { text: "%PDF-1.7\u0000\u0001binary", keyPrefix: "BAD", title: "Bad", confirm: true })).rejects.toMatchObject({ code: "invalid" });
    await expect(importOutcomeDocument(secretariat, { text: "x", keyPrefix: "BAD", title: "Bad", boxTitles: "Blue Shield", confirm: true })).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/boxTitles/) });
    expect(await db().sourceItem.count()).toBe(before);
    expect(await db().sourceDocument.count({ where: { keyPrefix: "BAD" } })).toBe(0);
  });

  it("lets only the secretariat import", async () => {
    await expect(importOutcomeDocument(member, { text: "x", keyPrefix: "TST", title: "T" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(importOutcomeDocument(null, { text: "x", keyPrefix: "TST", title: "T" })).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
