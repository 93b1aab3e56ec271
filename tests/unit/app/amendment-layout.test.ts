import { describe, expect, it } from "vitest";
import { amendmentUnderConsideration, layoutAmendments, proposalText, type Range } from "@/app/drafts/[id]/amendments/amendment-layout";
import { amendmentListSchema, type Amendment } from "@/lib/contracts/amendments";

let serial = 0;
/** An amendment as GET /api/drafts/:id/amendments sends it (parsed with the contract). */
function amendment(over: { [K in keyof Amendment]?: unknown } & { passage?: string | null }): Amendment {
  serial += 1;
  const { passage = "the human rights", ...rest } = over;
  const value = {
    id: `am-${serial}`,
    draftId: "d1",
    number: `AM-${String(serial).padStart(3, "0")}`,
    clauseId: "art-1",
    lang: "en",
    op: "MOD",
    type: "te",
    status: "submitted",
    outdated: false,
    group: null,
    anchor: passage === null ? null : { clauseId: "art-1", prefix: "", exact: passage, suffix: "" },
    quote: passage ?? "",
    base: passage ?? "",
    current: passage ?? "",
    supersedes: [],
    position: null,
    modifiedText: null,
    modifiedDoc: null,
    proposedText: "the fundamental rights",
    proposedDoc: null,
    rationale: "Clearer.",
    sponsor: { id: "u1", name: "Aminata Diallo", delegation: "Senegal" },
    cosponsors: [],
    sources: [],
    createdAt: new Date(Date.UTC(2026, 10, 1, 0, serial)).toISOString(),
    submittedAt: new Date(Date.UTC(2026, 10, 1, 0, serial)).toISOString(),
    decision: null,
    ...rest,
  };
  return amendmentListSchema.parse([value])[0];
}

/** Positions as the editor would find them: a passage by its quote in a fixed text, a whole article as its body. */
const TEXT = "Border management shall respect the human rights and dignity of every migrant.";
function resolveIn(text: string) {
  return (a: Amendment): Range | null => {
    if (a.anchor === null) return { from: 100, to: 100 + text.length };
    const at = text.indexOf(a.anchor.exact);
    return at < 0 ? null : { from: at, to: at + a.anchor.exact.length };
  };
}
const resolve = resolveIn(TEXT);
const HUMAN_RIGHTS = { from: TEXT.indexOf("the human rights"), to: TEXT.indexOf("the human rights") + "the human rights".length };

describe("layoutAmendments: one language's text", () => {
  it("an editor on the English text draws only English amendments, one on the French text only French ones", () => {
    const english = amendment({});
    const french = amendment({ lang: "fr", passage: "dignity" });
    const keys = (lang?: "en" | "fr") => layoutAmendments([english, french], resolve, "inline", lang).widgets.flatMap((w) => w.options.map((o) => o.id));
    expect(keys("en")).toEqual([english.id]);
    expect(keys()).toEqual([english.id]);
    expect(keys("fr")).toEqual([french.id]);
  });
});

describe("layoutAmendments: the three views", () => {
  it("inline: a MOD strikes its passage and shows the proposal, numbered and sponsored, where the passage ends", () => {
    const mod = amendment({ cosponsors: [{ delegation: "Morocco", at: new Date().toISOString() }] });
    const layout = layoutAmendments([mod], resolve, "inline");
    expect(layout.marks).toEqual([{ key: mod.id, ...HUMAN_RIGHTS, style: "struck", wholeArticle: false, considered: false }]);
    expect(layout.widgets).toHaveLength(1);
    expect(layout.widgets[0]).toMatchObject({ at: HUMAN_RIGHTS.to, preview: false, wholeArticle: false });
    expect(layout.widgets[0].options).toEqual([
      { id: mod.id, number: mod.number, delegations: ["Senegal", "Morocco"], op: "MOD", text: "the fundamental rights", status: "submitted", outdated: false },
    ]);
  });

  it("inline: SUP is struck only, ADD inserts only, NOC is a marker on an unstruck passage", () => {
    const sup = amendment({ op: "SUP", proposedText: "", passage: "and dignity" });
    const add = amendment({ op: "ADD", proposedText: "and freedoms", passage: "the human rights" });
    const noc = amendment({ op: "NOC", proposedText: "", passage: "every migrant" });
    const layout = layoutAmendments([noc, add, sup], resolve, "inline");
    // In text order.
    expect(layout.marks.map((m) => [m.key, m.style])).toEqual([
      [add.id, "noted"],
      [sup.id, "struck"],
      [noc.id, "noted"],
    ]);
    expect(layout.widgets.map((w) => [w.options[0].op, w.options[0].text])).toEqual([
      ["ADD", "and freedoms"],
      ["SUP", ""],
      ["NOC", ""],
    ]);
  });

  it("as if accepted: the base a proposal replaces is hidden and the proposal is shown as a preview", () => {
    const mod = amendment({});
    const noc = amendment({ op: "NOC", proposedText: "", passage: "every migrant" });
    const layout = layoutAmendments([mod, noc], resolve, "accepted");
    expect(layout.marks.map((m) => [m.key, m.style])).toEqual([
      [mod.id, "hidden"],
      [noc.id, "noted"],
    ]);
    expect(layout.widgets.every((w) => w.preview)).toBe(true);
  });

  it("clean: nothing is drawn", () => {
    expect(layoutAmendments([amendment({}), amendment({ op: "SUP", proposedText: "" })], resolve, "clean")).toEqual({ marks: [], widgets: [] });
  });
});

describe("layoutAmendments: what is drawn", () => {
  it("draws open ones (submitted, under consideration, deferred, the sponsor's own draft) and never decided ones", () => {
    const open = (["submitted", "under_consideration", "deferred"] as const).map((status) => amendment({ status }));
    const draft = amendment({ status: "draft", number: null, submittedAt: null });
    const decided = (["accepted", "accepted_modified", "not_accepted", "withdrawn", "superseded"] as const).map((status) => amendment({ status }));
    const drawn = layoutAmendments([...open, draft, ...decided], resolve, "inline").widgets.flatMap((w) => w.options.map((o) => o.id));
    expect(drawn.sort()).toEqual([...open, draft].map((a) => a.id).sort());
  });

  it("skips an amendment whose passage cannot be found", () => {
    expect(layoutAmendments([amendment({ passage: "words no longer there" })], resolve, "inline")).toEqual({ marks: [], widgets: [] });
  });

  it("flags outdated proposals", () => {
    const layout = layoutAmendments([amendment({ outdated: true })], resolve, "inline");
    expect(layout.widgets[0].options[0].outdated).toBe(true);
  });

  it("attaches a whole-article amendment to the article's body", () => {
    const whole = amendment({ passage: null, op: "SUP", proposedText: "" });
    const layout = layoutAmendments([whole], resolve, "inline");
    expect(layout.marks).toEqual([{ key: whole.id, from: 100, to: 100 + TEXT.length, style: "struck", wholeArticle: true, considered: false }]);
    expect(layout.widgets[0]).toMatchObject({ at: 100 + TEXT.length, wholeArticle: true });
  });

  it("marks the amendment under consideration, in the text and as the one to announce", () => {
    const other = amendment({ passage: "every migrant" });
    const considered = amendment({ status: "under_consideration" });
    const layout = layoutAmendments([other, considered], resolve, "inline");
    expect(layout.widgets.map((w) => [w.options[0].id, w.considered])).toEqual([
      [considered.id, true],
      [other.id, false],
    ]);
    expect(layout.marks.find((m) => m.key === considered.id)?.considered).toBe(true);
    expect(amendmentUnderConsideration([other, considered])?.id).toBe(considered.id);
    expect(amendmentUnderConsideration([other])).toBeNull();
  });
});

describe("layoutAmendments: alternatives", () => {
  it("draws the server's group as one bracket of options in number order over the passages' union", () => {
    const first = amendment({ passage: "the human rights" });
    const second = amendment({ passage: "human rights and dignity", proposedText: "the rights and the dignity", sponsor: { id: "u2", name: "Y", delegation: "Morocco" } });
    const grouped = [
      { ...second, group: first.id },
      { ...first, group: first.id },
    ];
    const layout = layoutAmendments(grouped, resolve, "inline");
    const union = { from: TEXT.indexOf("the human rights"), to: TEXT.indexOf(" of every") };
    expect(layout.marks).toEqual([{ key: first.id, ...union, style: "struck", wholeArticle: false, considered: false }]);
    expect(layout.widgets).toHaveLength(1);
    expect(layout.widgets[0].at).toBe(union.to);
    expect(layout.widgets[0].options.map((o) => [o.number, o.delegations[0], o.text])).toEqual([
      [first.number, "Senegal", "the fundamental rights"],
      [second.number, "Morocco", "the rights and the dignity"],
    ]);
  });

  it("keeps overlapping amendments apart when the server did not group them (one rule: the server's group)", () => {
    const layout = layoutAmendments([amendment({ passage: "the human rights" }), amendment({ passage: "human rights and dignity" })], resolve, "inline");
    expect(layout.widgets).toHaveLength(2);
  });

  it("an alternative under consideration highlights its whole group", () => {
    const a = amendment({});
    const b = amendment({ status: "under_consideration" });
    const layout = layoutAmendments([{ ...a, group: a.id }, { ...b, group: a.id }], resolve, "accepted");
    expect(layout.widgets).toEqual([expect.objectContaining({ considered: true, preview: true })]);
    expect(layout.marks).toEqual([expect.objectContaining({ considered: true, style: "hidden" })]);
  });
});

describe("proposalText", () => {
  it("reads the plain text, or the text of the proposed document's blocks", () => {
    expect(proposalText({ proposedText: "One.\n\nTwo.", proposedDoc: null })).toBe("One.\n\nTwo.");
    const doc = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "First " }, { type: "text", text: "paragraph." }] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "An item." }] }] }] },
      ],
    };
    expect(proposalText({ proposedText: "", proposedDoc: doc })).toBe("First paragraph.\n\nAn item.");
  });
});
