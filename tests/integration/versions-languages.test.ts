// Versions of the bilingual Charter through the real collaboration server and SQLite: versions
// hold the French text too, compare in English, French or both, per-article history names the
// language that changed, restore brings back both texts; versions from before French still work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../helpers/collab";
import { overTheWire } from "../helpers/contract";
import { readClauses } from "@/lib/editor/ydoc";
import { fragmentOf, type TextLang } from "@/lib/editor/languages";
import { db } from "@/server/db/client";
import { versionDocs } from "@/server/db/repositories/versions";
import { clauseHistory, compareVersions, createNamedVersion, getVersion, listVersions, restoreVersion } from "@/server/domain/versions";
import type { Actor } from "@/server/domain/actor";
import { clauseHistorySchema, comparisonSchema, versionDetailSchema, versionListSchema, versionSchema } from "@/lib/contracts/versions";

function articleIn(doc: Y.Doc, lang: TextLang, clauseId: string): Y.XmlElement {
  const found = fragmentOf(doc, lang)
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute("clauseId") === clauseId);
  if (!found) throw new Error(`no ${lang} article ${clauseId}`);
  return found as Y.XmlElement;
}

/** Types at the end of the article's first paragraph, as an editor would. */
function typeInto(doc: Y.Doc, lang: TextLang, clauseId: string, text: string) {
  const paragraph = articleIn(doc, lang, clauseId).get(1) as Y.XmlElement;
  const run = paragraph.get(0);
  if (run instanceof Y.XmlText) run.insert(run.length, text);
  else paragraph.insert(0, [new Y.XmlText(text)]);
}

describe("versions in both languages", () => {
  let collab: RunningCollab;
  let chair: Actor, member: Actor, viewer: Actor;
  let draftId: string;
  let client: TestClient;
  let draft1: string;

  const serverText = (lang: TextLang, clauseId: string) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, collab.server.liveState(draftId)!);
    const text = readClauses(doc, lang).find((c) => c.clauseId === clauseId)?.text;
    doc.destroy();
    return text;
  };

  beforeAll(async () => {
    await useFreshDatabase();
    const secretariat = await makeActor("secretariat");
    [chair, member, viewer] = await Promise.all([makeActor("chair", "Youssef"), makeActor("member", "Aminata"), makeActor("viewer")]);
    draftId = (
      await makeDraft(secretariat, "Bilingual history", [
        { clauseId: "a1", heading: "Scope", paragraphs: [["The Charter applies at all borders."]] },
        { clauseId: "a2", heading: "Data", paragraphs: [["Data shall be shared."]] },
      ])
    ).id;
    collab = await startCollab({ checkpointQuietMs: 150 });
    client = await connectAs(collab, member, draftId);
    await waitForSync(client);
  });
  afterAll(async () => {
    client.destroy();
    await collab.stop();
  });

  it("a named version holds the French text, and its summary says French changed", async () => {
    const draft0 = overTheWire(versionSchema, await createNamedVersion(chair, draftId, { name: "Draft 0" }));
    expect(draft0.hasFrench).toBe(true); // the empty French articles the server made
    typeInto(client.doc, "fr", "a1", "La Charte s'applique à toutes les frontières.");
    await waitFor(() => serverText("fr", "a1") === "La Charte s'applique à toutes les frontières.", 5000, "French text on the server");
    draft1 = overTheWire(versionSchema, await createNamedVersion(chair, draftId, { name: "Draft 1" })).id;

    const version = overTheWire(versionDetailSchema, await getVersion(viewer, draftId, draft1));
    expect(version.hasFrench).toBe(true);
    expect(version.clausesFr?.map((c) => [c.clauseId, c.text])).toEqual([
      ["a1", "La Charte s'applique à toutes les frontières."],
      ["a2", ""],
    ]);
    expect(version.clauses.map((c) => c.text)).toEqual(["The Charter applies at all borders.", "Data shall be shared."]);
    expect(JSON.stringify(version.docFr)).toContain("La Charte s'applique");
    // The exports read both texts of a version through the repository.
    const docs = await versionDocs(db(), draftId, draft1);
    expect(JSON.stringify(docs?.fr)).toContain("La Charte s'applique");
    expect(JSON.stringify(docs?.en)).toContain("The Charter applies at all borders.");

    // Newest first: the versions since Draft 0 (an automatic one may have come first) changed French only.
    const listed = overTheWire(versionListSchema, await listVersions(viewer, draftId));
    const since = listed.slice(0, listed.findIndex((v) => v.id === draft0.id));
    expect(since[0].id).toBe(draft1);
    expect(since.every((v) => v.hasFrench && v.summary.changedByLang?.en === 0)).toBe(true);
    expect(since.map((v) => v.summary.changedByLang?.fr)).toContain(1);
  });

  it("a French-only edit makes an automatic version", async () => {
    const before = (await listVersions(viewer, draftId)).length;
    typeInto(client.doc, "fr", "a2", "Les données sont partagées.");
    await waitFor(async () => (await listVersions(viewer, draftId)).length > before, 10000, "an automatic version after the French edit");
    const [latest] = overTheWire(versionListSchema, await listVersions(viewer, draftId));
    expect(latest.kind).toBe("auto");
    expect(latest.summary.changedByLang).toEqual({ en: 0, fr: 1 });
    expect(latest.editors).toEqual([expect.stringContaining("Aminata")]);
  });

  it("compares in French, English or both", async () => {
    typeInto(client.doc, "fr", "a1", " Elle respecte les droits humains.");
    typeInto(client.doc, "en", "a2", " Promptly.");
    await waitFor(() => serverText("fr", "a1")!.endsWith("droits humains.") && serverText("en", "a2")!.endsWith("Promptly."), 5000, "edits on the server");
    const draft2 = overTheWire(versionSchema, await createNamedVersion(chair, draftId, { name: "Draft 2" })).id;

    const french = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: draft1, to: draft2, lang: "fr" }));
    expect(french.lang).toBe("fr");
    const changedFr = french.changes.filter((c) => c.kind === "changed").map((c) => c.clauseId);
    expect(changedFr).toEqual(["a1", "a2"]);
    const a1 = french.changes.find((c) => c.clauseId === "a1")!;
    expect(a1.textDiff?.filter((p) => p.added).map((p) => p.value).join("")).toContain("Elle respecte les droits humains.");
    expect(a1.toText).toBe("La Charte s'applique à toutes les frontières. Elle respecte les droits humains.");
    expect(french.authors.a1).toEqual([expect.stringContaining("Aminata")]);

    const english = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: draft1, to: draft2 }));
    expect(english.lang).toBe("en");
    expect(english.changes.filter((c) => c.kind === "changed").map((c) => c.clauseId)).toEqual(["a2"]);

    const both = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: draft1, to: "current", lang: "both" }));
    expect(both.texts.en?.changes.find((c) => c.clauseId === "a2")?.kind).toBe("changed");
    expect(both.texts.fr?.changes.find((c) => c.clauseId === "a1")?.toText).toContain("droits humains");
    expect(both.changes).toEqual(both.texts.en?.changes);
  });

  it("refuses a text language it does not know", async () => {
    const [latest] = await listVersions(viewer, draftId);
    await expect(compareVersions(viewer, draftId, { from: latest.id, lang: "de" })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("en, fr or both") });
  });

  it("the history of an article names the language each change touched and shows both texts", async () => {
    const entries = overTheWire(clauseHistorySchema, await clauseHistory(viewer, draftId, "a1"));
    // First recorded with its English text only (French not yet written), then French changes.
    expect(entries[0]).toMatchObject({ name: "Draft 0", changedLangs: ["en"], text: "The Charter applies at all borders.", fr: { heading: "", text: "" } });
    const frenchChanges = entries.filter((e) => e.changedLangs.includes("fr"));
    expect(frenchChanges.map((e) => e.fr?.text)).toEqual([
      "La Charte s'applique à toutes les frontières.",
      "La Charte s'applique à toutes les frontières. Elle respecte les droits humains.",
    ]);
    expect(frenchChanges.every((e) => !e.changedLangs.includes("en"))).toBe(true);
    expect(frenchChanges.every((e) => e.text === "The Charter applies at all borders.")).toBe(true);
  });

  it("restore brings back the French text changed after the version", async () => {
    const restored = await restoreVersion(chair, draftId, draft1);
    expect(restored).toMatchObject({ kind: "restore" });
    await waitFor(() => readClauses(client.doc, "fr").find((c) => c.clauseId === "a1")?.text === "La Charte s'applique à toutes les frontières.", 5000, "French text restored live");
    expect(readClauses(client.doc, "fr").find((c) => c.clauseId === "a2")?.text).toBe("");
    expect(readClauses(client.doc, "en").find((c) => c.clauseId === "a2")?.text).toBe("Data shall be shared.");
  });

  it("a version from before French (no docJsonFr) still lists, compares with French as empty, and restores English only", async () => {
    const old = overTheWire(versionSchema, await createNamedVersion(chair, draftId, { name: "Old" })).id;
    // As versions were stored before the French text was versioned: no French JSON, the old summary.
    await db().version.update({
      where: { id: old },
      data: { docJsonFr: null, summary: JSON.stringify({ added: 0, removed: 0, changed: 1, citationsAdded: 0, citationsRemoved: 0, touched: {} }) },
    });
    typeInto(client.doc, "en", "a1", " Always.");
    typeInto(client.doc, "fr", "a1", " Toujours.");
    await waitFor(() => serverText("en", "a1")!.endsWith("Always.") && serverText("fr", "a1")!.endsWith("Toujours."), 5000, "edits on the server");

    const listed = overTheWire(versionListSchema, await listVersions(viewer, draftId)).find((v) => v.id === old)!;
    expect(listed.hasFrench).toBe(false);
    expect(listed.summary.changedByLang).toBeNull();
    const detail = overTheWire(versionDetailSchema, await getVersion(viewer, draftId, old));
    expect(detail.docFr).toBeNull();
    expect(detail.clausesFr).toBeNull();

    const french = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: old, lang: "fr" }));
    expect(french.from.hasFrench).toBe(false);
    const a1 = french.changes.find((c) => c.clauseId === "a1")!;
    expect(a1).toMatchObject({ kind: "changed", fromText: "", toText: "La Charte s'applique à toutes les frontières. Toujours." });

    await restoreVersion(chair, draftId, old);
    await waitFor(() => readClauses(client.doc, "en").find((c) => c.clauseId === "a1")?.text === "The Charter applies at all borders.", 5000, "English restored");
    expect(readClauses(client.doc, "fr").find((c) => c.clauseId === "a1")?.text).toBe("La Charte s'applique à toutes les frontières. Toujours.");
  });
});
