import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorSchema, findQuote, resolveAnchor, type CommentAnchor } from "@/lib/comments/anchor";
import { mentionedUserIds, parseCommentBody } from "@/lib/comments/markup";
import { appendBlocks } from "@/lib/editor/ydoc";
import { YDOC_FIELD } from "@/lib/editor/schema";

function setup() {
  const doc = new Y.Doc();
  appendBlocks(doc, [
    { clauseId: "c1", heading: "Scope", paragraphs: [["Border agencies shall respect the principle of non-refoulement at all times."]] },
    { clauseId: "c2", heading: "Data", paragraphs: [["Data shall be shared."]] },
  ]);
  return doc;
}
const textOf = (doc: Y.Doc, i = 0) => ((doc.getXmlFragment(YDOC_FIELD).get(i) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;

function anchorFor(doc: Y.Doc, exact: string): CommentAnchor {
  const text = textOf(doc);
  const full = text.toString();
  const i = full.indexOf(exact);
  return anchorSchema.parse({
    clauseId: "c1",
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i + exact.length, -1)),
    prefix: full.slice(Math.max(0, i - 20), i),
    exact,
    suffix: full.slice(i + exact.length, i + exact.length + 20),
  });
}

/** Another client edits: the change travels as a Yjs update, like in real collaboration. */
function remoteEdit(doc: Y.Doc, edit: (other: Y.Doc) => void) {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(other);
  edit(other);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, before));
}

describe("comment anchors", () => {
  const quote = "the principle of non-refoulement";

  it("survive insertions before, inside and after the range by other clients", () => {
    const doc = setup();
    const anchor = anchorFor(doc, quote);
    remoteEdit(doc, (o) => textOf(o).insert(0, "All "));
    remoteEdit(doc, (o) => textOf(o).insert(textOf(o).length, " Always."));
    expect(resolveAnchor(doc, anchor)).toEqual({ status: "anchored", via: "relative", clauseId: "c1" });
    remoteEdit(doc, (o) => {
      const t = textOf(o);
      t.insert(t.toString().indexOf("non-refoulement"), "strict ");
    });
    expect(resolveAnchor(doc, anchor)).toMatchObject({ status: "anchored", clauseId: "c1" });
  });

  it("become orphaned when the anchored text is deleted", () => {
    const doc = setup();
    const anchor = anchorFor(doc, quote);
    remoteEdit(doc, (o) => {
      const t = textOf(o);
      t.delete(t.toString().indexOf(quote), quote.length);
    });
    expect(resolveAnchor(doc, anchor)).toEqual({ status: "orphaned" });
  });

  it("fall back to the quote when the text was recreated (e.g. a restore), and follow it to another clause", () => {
    const doc = setup();
    const anchor = anchorFor(doc, quote);
    remoteEdit(doc, (o) => {
      const t = textOf(o);
      const content = t.toString();
      t.delete(0, t.length);
      t.insert(0, content); // same words, new Yjs items
    });
    expect(resolveAnchor(doc, anchor)).toEqual({ status: "anchored", via: "quote", clauseId: "c1" });
    remoteEdit(doc, (o) => {
      textOf(o).delete(0, textOf(o).length);
      textOf(o, 1).insert(0, `Border agencies shall respect ${quote}. `);
    });
    expect(resolveAnchor(doc, anchor)).toEqual({ status: "anchored", via: "quote", clauseId: "c2" });
  });

  it("anchor whole-clause comments to the clause, orphaned when it is deleted", () => {
    const doc = setup();
    const anchor = anchorSchema.parse({ clauseId: "c2" });
    expect(resolveAnchor(doc, anchor)).toEqual({ status: "anchored", via: "clause", clauseId: "c2" });
    doc.getXmlFragment(YDOC_FIELD).delete(1, 1);
    expect(resolveAnchor(doc, anchor)).toEqual({ status: "orphaned" });
  });

  it("re-anchoring to new text works", () => {
    const doc = setup();
    const anchor = anchorFor(doc, quote);
    remoteEdit(doc, (o) => textOf(o).delete(0, textOf(o).length));
    expect(resolveAnchor(doc, anchor).status).toBe("orphaned");
    textOf(doc).insert(0, `They uphold ${quote}.`);
    const again = anchorFor(doc, quote);
    expect(resolveAnchor(doc, again)).toEqual({ status: "anchored", via: "relative", clauseId: "c1" });
  });

  it("choose the right occurrence of a repeated quote by its surroundings", () => {
    const text = "shall act. Officers shall act. Agencies shall act.";
    expect(findQuote(text, { prefix: "Agencies ", exact: "shall act", suffix: "." })).toBe(text.lastIndexOf("shall act"));
    expect(findQuote(text, { prefix: "Officers ", exact: "shall act", suffix: "." })).toBe(text.indexOf("Officers shall act") + 9);
  });
});

describe("comment markup", () => {
  it("keeps HTML and scripts as plain text and only allows web and mail links", () => {
    const tokens = parseCommentBody('<script>alert(1)</script> [click](javascript:alert(1)) [ok](https://example.org/x) **bold**');
    expect(tokens[0]).toEqual({ type: "text", value: "<script>alert(1)</script> " });
    expect(tokens.filter((t) => t.type === "link").map((t) => (t as { href: string }).href)).toEqual(["https://example.org/x"]);
    expect(tokens.filter((t) => t.type === "text").map((t) => (t as { value: string }).value).join("")).toContain("javascript:alert(1)");
    expect(tokens).toContainEqual({ type: "link", value: "ok", href: "https://example.org/x" });
    expect(tokens).toContainEqual({ type: "bold", value: "bold" });
  });
  it("links bare web addresses, without the sentence's final punctuation", () => {
    const tokens = parseCommentBody("See https://example.org/a?b=1. And javascript:alert(1) stays text");
    expect(tokens).toEqual([
      { type: "text", value: "See " },
      { type: "link", value: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { type: "text", value: ". And javascript:alert(1) stays text" },
    ]);
  });

  it("finds mentions", () => {
    expect(mentionedUserIds("Hi @[Aminata Diallo](user:u1) and @[Claire](user:u2), and again @[Aminata Diallo](user:u1)")).toEqual(["u1", "u2"]);
    expect(parseCommentBody("line one\nline two").map((t) => t.type)).toEqual(["text", "break", "text"]);
  });
});
