import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { overTheWire } from "../helpers/contract";
import {
  cosponsorAmendment,
  createAmendment,
  getAmendment,
  listAmendments,
  submitAmendment,
  withdrawAmendment,
} from "@/server/domain/amendments";
import { currentDraftState } from "@/server/domain/live-documents";
import { type Actor } from "@/server/domain/actor";
import { amendmentListSchema, amendmentSchema } from "@/lib/contracts/amendments";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { db } from "@/server/db/client";

const SENTENCE = "Border agencies shall respect the principle of non-refoulement at all times.";

/** A passage of article c1 selected as the editor would send it. */
async function anchorOn(draftId: string, exact: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draftId));
  const text = ((doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;
  const full = text.toString();
  const i = full.indexOf(exact);
  return {
    clauseId: "c1",
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i + exact.length, -1)),
    prefix: full.slice(Math.max(0, i - 30), i),
    exact,
    suffix: full.slice(i + exact.length, i + exact.length + 30),
  };
}


const auditActions = async (amendmentId: string) =>
  (await db().auditLog.findMany({ where: { data: { contains: amendmentId } }, orderBy: { createdAt: "asc" }, select: { action: true } })).map((a) => a.action);

describe("amendments", () => {
  let secretariat: Actor, chair: Actor, observer: Actor, viewer: Actor;
  let senegal: Actor, senegal2: Actor, morocco: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    [secretariat, chair, observer, viewer] = await Promise.all([makeActor("secretariat"), makeActor("chair"), makeActor("observer"), makeActor("viewer")]);
    senegal = await memberOf("Senegal", "Aminata Diallo");
    senegal2 = await memberOf("Senegal", "Moussa Ndiaye");
    morocco = await memberOf("Morocco", "Youssef Alaoui");
    draftId = (
      await makeDraft(secretariat, "Amendments", [
        { clauseId: "c1", heading: "Protection", paragraphs: [[SENTENCE]] },
        { clauseId: "c2", heading: "Cooperation", paragraphs: [["States shall cooperate."]] },
      ])
    ).id;
  });

  it("a member proposes a passage change and submits it: AM-001, then AM-002, with audit entries", async () => {
    const anchor = await anchorOn(draftId, "at all times");
    const first = overTheWire(
      amendmentSchema,
      await createAmendment(senegal, draftId, { clauseId: "c1", op: "MOD", anchor, proposedText: "in all circumstances", rationale: "Stronger wording.", submit: true }),
    );
    expect(first).toMatchObject({
      number: "AM-001",
      status: "submitted",
      op: "MOD",
      type: "te",
      clauseId: "c1",
      quote: "at all times",
      proposedText: "in all circumstances",
      sponsor: { id: senegal.id, name: "Aminata Diallo", delegation: "Senegal" },
      cosponsors: [],
      decision: null,
    });
    expect(first.submittedAt).not.toBeNull();

    const second = await createAmendment(morocco, draftId, { clauseId: "c2", op: "SUP", rationale: "Covered by article 1.", type: "ge", submit: true });
    expect(second).toMatchObject({ number: "AM-002", status: "submitted", op: "SUP", type: "ge", quote: "", anchor: null });
    expect(await auditActions(first.id)).toEqual(["amendment.create", "amendment.submit"]);
  });

  it("a private draft is numbered only when submitted, and only its sponsor sees it before", async () => {
    const draft = await createAmendment(senegal, draftId, { clauseId: "c2", op: "ADD", proposedText: "States shall share data.", rationale: "Gap." });
    expect(draft).toMatchObject({ number: null, status: "draft" });
    expect((await listAmendments(senegal, draftId)).map((a) => a.id)).toContain(draft.id);
    expect((await listAmendments(chair, draftId)).map((a) => a.id)).not.toContain(draft.id);
    await expect(getAmendment(morocco, draft.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(submitAmendment(senegal2, draft.id)).rejects.toMatchObject({ code: "not_found" }); // same delegation, not the sponsor

    const submitted = await submitAmendment(senegal, draft.id);
    expect(submitted).toMatchObject({ number: "AM-003", status: "submitted" });
    await expect(submitAmendment(senegal, draft.id)).rejects.toMatchObject({ code: "conflict" });
    expect((await getAmendment(viewer, draft.id)).number).toBe("AM-003");
  });

  it("numbers concurrent submissions without gaps or duplicates", async () => {
    const drafts = await Promise.all(
      [senegal, morocco, chair, secretariat].map((a) => createAmendment(a, draftId, { clauseId: "c2", op: "NOC", rationale: `Keep it (${a.name}).` })),
    );
    const numbers = (await Promise.all(drafts.map((d, i) => submitAmendment([senegal, morocco, chair, secretariat][i], d.id)))).map((a) => a.number);
    expect(numbers.sort()).toEqual(["AM-004", "AM-005", "AM-006", "AM-007"]);
    // Leads with no delegation of their own propose by office.
    expect(drafts.find((d) => d.sponsor.id === chair.id)?.sponsor.delegation).toBe(chair.delegation || "Chair");
  });

  it("observers, viewers and nobody may not propose", async () => {
    const input = { clauseId: "c1", op: "NOC", rationale: "Keep." };
    await expect(createAmendment(observer, draftId, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createAmendment(viewer, draftId, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createAmendment(null, draftId, input)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("another delegation co-sponsors once; the sponsor's own delegation and non-members are refused", async () => {
    const am = await createAmendment(senegal, draftId, { clauseId: "c1", op: "NOC", rationale: "Keep as is.", submit: true });
    await expect(cosponsorAmendment(senegal2, am.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(cosponsorAmendment(senegal, am.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(cosponsorAmendment(observer, am.id)).rejects.toMatchObject({ code: "forbidden" });
    const joined = overTheWire(amendmentSchema, await cosponsorAmendment(morocco, am.id));
    expect(joined.cosponsors.map((c) => c.delegation)).toEqual(["Morocco"]);
    await expect(cosponsorAmendment(morocco, am.id)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/already/) });
    expect(await auditActions(am.id)).toContain("amendment.cosponsor");

    // The delegation filter finds amendments it sponsors and those it co-sponsors.
    const forMorocco = overTheWire(amendmentListSchema, await listAmendments(viewer, draftId, { delegation: "Morocco" }));
    expect(forMorocco.map((a) => a.id)).toContain(am.id);
    expect(forMorocco.every((a) => a.sponsor.delegation === "Morocco" || a.cosponsors.some((c) => c.delegation === "Morocco"))).toBe(true);
  });

  it("the sponsor names co-sponsors when proposing: only other, existing delegations", async () => {
    const base = { clauseId: "c1", op: "NOC", rationale: "Keep." };
    const named = await createAmendment(senegal, draftId, { ...base, cosponsors: ["Morocco"], submit: true });
    expect(named.cosponsors.map((c) => c.delegation)).toEqual(["Morocco"]);
    await expect(createAmendment(senegal, draftId, { ...base, cosponsors: ["Senegal"] })).rejects.toMatchObject({ code: "invalid" });
    await expect(createAmendment(senegal, draftId, { ...base, cosponsors: ["Atlantis"] })).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/Atlantis/) });
  });

  it("the sponsor withdraws before a decision; nobody else can, and not twice", async () => {
    const am = await createAmendment(morocco, draftId, { clauseId: "c2", op: "MOD", proposedText: "States shall cooperate closely.", rationale: "Precision.", submit: true });
    await expect(withdrawAmendment(chair, am.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(withdrawAmendment(senegal, am.id)).rejects.toMatchObject({ code: "forbidden" });
    const withdrawn = await withdrawAmendment(morocco, am.id);
    expect(withdrawn).toMatchObject({ status: "withdrawn", number: am.number });
    await expect(withdrawAmendment(morocco, am.id)).rejects.toMatchObject({ code: "conflict" });
    await expect(cosponsorAmendment(senegal, am.id)).rejects.toMatchObject({ code: "conflict" });
    expect(await auditActions(am.id)).toContain("amendment.withdraw");
    expect((await listAmendments(viewer, draftId, { status: "withdrawn" })).map((a) => a.id)).toEqual([am.id]);
  });

  it("filters by article and status", async () => {
    const onC1 = await listAmendments(viewer, draftId, { clauseId: "c1" });
    expect(onC1.length).toBeGreaterThan(0);
    expect(onC1.every((a) => a.clauseId === "c1")).toBe(true);
    const submitted = await listAmendments(viewer, draftId, { status: "submitted" });
    expect(submitted.every((a) => a.status === "submitted")).toBe(true);
    // In number order.
    const numbers = submitted.map((a) => a.number!);
    expect(numbers).toEqual([...numbers].sort());
  });

  it("refuses invalid input with a clear message and stores nothing", async () => {
    const before = (await listAmendments(senegal, draftId)).length;
    const cases: [unknown, RegExp][] = [
      [{ clauseId: "c1", op: "MOD", rationale: "Why." }, /MOD needs the proposed text/],
      [{ clauseId: "c1", op: "SUP", proposedText: "x", rationale: "Why." }, /SUP proposes no text/],
      [{ clauseId: "c1", op: "CHANGE", rationale: "Why." }, /op must be one of ADD, MOD, SUP, NOC/],
      [{ clauseId: "c1", op: "NOC", type: "xx", rationale: "Why." }, /type must be one of ge, te, ed/],
      [{ clauseId: "c1", op: "NOC", rationale: "   " }, /State the reasons/],
      [{ clauseId: "c1", op: "ADD", proposedText: "x".repeat(20_001), rationale: "Why." }, /20000/],
      [{ clauseId: "nope", op: "NOC", rationale: "Why." }, /article is no longer in the draft/],
      [{ clauseId: "c2", op: "MOD", anchor: await anchorOn(draftId, "non-refoulement"), proposedText: "x", rationale: "Why." }, /not in this article/],
      [{ clauseId: "c1", op: "NOC", rationale: "Why.", sources: ["missing-item"] }, /Unknown source item: missing-item/],
      [{ clauseId: "c1", op: "NOC", rationale: "Why\u0000" }, /control character/],
    ];
    for (const [input, message] of cases) {
      await expect(createAmendment(senegal, draftId, input), JSON.stringify(input).slice(0, 80)).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(message) });
    }
    const moved = { ...(await anchorOn(draftId, "non-refoulement")), start: undefined, end: undefined, prefix: "", exact: "text that is nowhere", suffix: "" };
    await expect(createAmendment(senegal, draftId, { clauseId: "c1", op: "MOD", anchor: moved, proposedText: "x", rationale: "Why." })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/no longer in this article/),
    });
    await expect(createAmendment(senegal, "no-such-draft", { clauseId: "c1", op: "NOC", rationale: "Why." })).rejects.toMatchObject({ code: "not_found" });
    await expect(listAmendments(viewer, draftId, { status: "maybe" })).rejects.toMatchObject({ code: "invalid" });
    expect((await listAmendments(senegal, draftId)).length).toBe(before);
  });

  it("refuses new amendments on a frozen draft", async () => {
    const draft = await createAmendment(senegal, draftId, { clauseId: "c1", op: "NOC", rationale: "Keep." });
    await db().draft.update({ where: { id: draftId }, data: { phase: "frozen" } }); // no phase API yet
    try {
      await expect(createAmendment(senegal, draftId, { clauseId: "c1", op: "NOC", rationale: "Keep." })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/frozen/) });
      await expect(submitAmendment(senegal, draft.id)).rejects.toMatchObject({ code: "conflict" });
    } finally {
      await db().draft.update({ where: { id: draftId }, data: { phase: "editing" } });
    }
  });
});
