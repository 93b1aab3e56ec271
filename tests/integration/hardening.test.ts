// Issue 11, server hardening on the domain side (items 10–17), against a real SQLite database.
import { beforeAll, describe, expect, it } from "vitest";
import { unzipSync, strFromU8 } from "fflate";
import { JSDOM } from "jsdom";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { createThread, deleteMessage, editMessage, replyToThread, updateThread } from "@/server/domain/comments";
import { createDraft, listClauses } from "@/server/domain/drafts";
import { clauseHistory, createNamedVersion } from "@/server/domain/versions";
import { createMember } from "@/server/domain/members";
import { exportDraft } from "@/server/export";
import { AKN_NAMESPACE } from "@/server/export/akoma-ntoso";
import { importOutcomeDocument } from "@/server/import/import-document";
import { authOptions } from "@/server/auth/options";
import type { Actor } from "@/server/domain/actor";
import { db } from "@/server/db/client";

const NOW = new Date("2026-11-22T10:00:00Z");

describe("comment limits and status codes", () => {
  let secretariat: Actor, member: Actor, observer: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    [secretariat, member, observer] = await Promise.all([makeActor("secretariat"), makeActor("member", "Aminata Diallo"), makeActor("observer")]);
    draftId = (await makeDraft(secretariat, "Limits", [{ clauseId: "c1", heading: "Protection", paragraphs: [["Border agencies shall respect non-refoulement."]] }])).id;
  });

  it("an anchor is a strict shape: relative positions are small objects, nothing else is stored", async () => {
    const huge = { clauseId: "c1", exact: "", start: { pad: "a".repeat(3_000_000) } };
    await expect(createThread(observer, draftId, { anchor: huge, body: "Stored?" })).rejects.toMatchObject({ code: "invalid" });
    const extraKey = { clauseId: "c1", exact: "", start: { type: { client: 1, clock: 2 }, assoc: 0, note: "x" } };
    await expect(createThread(observer, draftId, { anchor: extraKey, body: "Stored?" })).rejects.toMatchObject({ code: "invalid" });
    const extraField = { clauseId: "c1", exact: "", payload: "x".repeat(10_000) };
    await expect(createThread(observer, draftId, { anchor: extraField, body: "Stored?" })).rejects.toMatchObject({ code: "invalid" });
    expect(await db().commentThread.count({ where: { draftId } })).toBe(0);
    // A real relative position still passes.
    const position = { type: { client: 12, clock: 3 }, tname: null, item: { client: 12, clock: 7 }, assoc: -1 };
    const ok = await createThread(observer, draftId, { anchor: { clauseId: "c1", exact: "", start: position, end: position }, body: "Fine" });
    expect(ok.status).toBe("open");
  });

  it("editing comments is rate-limited like posting", async () => {
    const editor = await makeActor("member");
    const thread = await createThread(editor, draftId, { anchor: { clauseId: "c1" }, body: "First" });
    const messageId = thread.comments[0].id;
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => editMessage(editor, messageId, { body: `Edit ${i}` })));
    const limited = outcomes.filter((o) => o.status === "rejected" && (o.reason as { code: string }).code === "rate_limited");
    expect(limited.length).toBeGreaterThan(0);
  });

  it("unknown thread and message ids: unauthenticated for nobody, not found for a member", async () => {
    await expect(updateThread(null, "no-such-thread", { status: "resolved" })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(editMessage(null, "no-such-message", { body: "x" })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(deleteMessage(null, "no-such-message")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(editMessage(member, "no-such-message", { body: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateThread(member, "no-such-thread", { status: "resolved" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("a comment on a missing draft and the clause history of a missing draft are not found", async () => {
    await expect(createThread(member, "no-such-draft", { anchor: { clauseId: "c1" }, body: "Hello" })).rejects.toMatchObject({ code: "not_found" });
    await expect(clauseHistory(member, "no-such-draft", "c1")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("text hygiene", () => {
  let secretariat: Actor, member: Actor, observer: Actor, viewer: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    [secretariat, member, observer, viewer] = await Promise.all([makeActor("secretariat"), makeActor("member", "Aminata Diallo"), makeActor("observer", "Claire Martin"), makeActor("viewer")]);
    // Text that reached the document before the boundary checked it (or through the live socket).
    draftId = (await makeDraft(secretariat, "Hygiene", [
      { clauseId: "c1", heading: "Heading\u0000 with NUL", paragraphs: [["Text with \u000b vertical tab and \u001b escape and \ud800 lone surrogate.", " ", { cite: { sourceItemId: "gone", key: "<script>alert(1)</script>](javascript:alert(1))" } }]] },
    ])).id;
  });

  it("refuses control characters and lone surrogates at the boundary with invalid", async () => {
    for (const title of ["Null\u0000byte", "Escape\u001b[31m", "Lone \ud800 surrogate", "Line\nbreak"]) {
      await expect(createDraft(secretariat, { title })).rejects.toMatchObject({ code: "invalid" });
    }
    await expect(createThread(observer, draftId, { anchor: { clauseId: "c1" }, body: "Bell \u0007" })).rejects.toMatchObject({ code: "invalid" });
    await expect(createThread(observer, draftId, { anchor: { clauseId: "c1" }, body: "Half an emoji \udc00" })).rejects.toMatchObject({ code: "invalid" });
    await expect(createNamedVersion(secretariat, draftId, { name: "Draft\u0000 1" })).rejects.toMatchObject({ code: "invalid" });
    await expect(createMember(secretariat, { email: "x@y.test", name: "Name\u0008", role: "member", password: "long enough password" })).rejects.toMatchObject({ code: "invalid" });
    // Tabs, line breaks and real emoji are text.
    const thread = await createThread(observer, draftId, { anchor: { clauseId: "c1" }, body: "Line one\n\tindented 🙂" });
    expect(thread.comments[0].body).toBe("Line one\n\tindented 🙂");
  });

  it("every export is well-formed with control characters in the text; Markdown escapes citation keys; mentions print as @Name", async () => {
    const thread = await createThread(observer, draftId, { anchor: { clauseId: "c1" }, body: `@[Aminata Diallo](user:${member.id}) please check` });
    await replyToThread(member, thread.id, { body: "Noted" });

    const akn = (await exportDraft(viewer, draftId, { format: "akn" }, NOW)).body.toString("utf8");
    const aknDoc = new JSDOM(akn, { contentType: "application/xml" }).window.document;
    expect(aknDoc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(aknDoc.documentElement.namespaceURI).toBe(AKN_NAMESPACE);
    expect(aknDoc.getElementsByTagNameNS(AKN_NAMESPACE, "heading")[0].textContent).toBe("Heading with NUL");

    const docx = unzipSync(new Uint8Array((await exportDraft(viewer, draftId, { format: "docx", comments: "1" }, NOW)).body));
    for (const part of ["word/document.xml", "word/footnotes.xml"]) {
      const xml = strFromU8(docx[part]);
      expect(new JSDOM(xml, { contentType: "application/xml" }).window.document.getElementsByTagName("parsererror"), part).toHaveLength(0);
    }
    const documentXml = strFromU8(docx["word/document.xml"]);
    expect(documentXml).toContain("@Aminata Diallo please check");
    expect(documentXml).not.toContain("user:");

    const md = (await exportDraft(viewer, draftId, { format: "md", comments: "1" }, NOW)).body.toString("utf8");
    expect(md).not.toContain("<script>");
    expect(md).not.toMatch(/[^\\]\]\(javascript:/); // every bracket of the key is escaped: no link
    expect(md).toContain("[\\<script\\>alert(1)\\</script\\>\\](javascript:alert(1))]");
    expect(md).toContain("@Aminata Diallo please check");
    expect(md).not.toMatch(/user:/);
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);

    const html = (await exportDraft(viewer, draftId, { format: "html", comments: "1" }, NOW)).body.toString("utf8");
    expect(html).toContain("@Aminata Diallo please check");
    // eslint-disable-next-line no-control-regex
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe("importer and new drafts", () => {
  let secretariat: Actor, member: Actor;

  beforeAll(async () => {
    await useFreshDatabase();
    [secretariat, member] = await Promise.all([makeActor("secretariat"), makeActor("member")]);
  });

  it("a file whose only structure is a quotation has no items: 400, nothing saved", async () => {
    const text = "Opening remarks\n\nThe chair opened the meeting.\n\n> We must act together, said the minister.\n";
    await expect(importOutcomeDocument(secretariat, { text, keyPrefix: "QTE", title: "Quote", confirm: true })).rejects.toMatchObject({ code: "invalid" });
    expect(await db().sourceDocument.count({ where: { keyPrefix: "QTE" } })).toBe(0);
  });

  it("keeps link text whole when the address has parentheses", async () => {
    const text = "Several **recommendations** were made:\n\n- Cooperate with [Frontex](https://en.wikipedia.org/wiki/Frontex_(agency)) on training (see [Decision (EU) 2019/1896](https://eur-lex.europa.eu/eli/reg/2019/1896/oj)).\n";
    const preview = await importOutcomeDocument(secretariat, { text, keyPrefix: "LNK", title: "Links", confirm: false });
    expect(preview.items.map((i) => i.text)).toEqual(["Cooperate with Frontex on training (see Decision (EU) 2019/1896)."]);
  });

  it("a new draft's clause index is filled at creation", async () => {
    const draft = await createDraft(secretariat, { title: "Fresh" }, [{ clauseId: "first", heading: "Scope", paragraphs: [["This Charter applies at every border."]] }]);
    const clauses = await listClauses(member, draft.id);
    expect(clauses).toMatchObject([{ clauseId: "first", number: 1, heading: "Scope", text: "This Charter applies at every border." }]);
    const empty = await createDraft(secretariat, { title: "Empty" });
    expect(await listClauses(member, empty.id)).toHaveLength(1);
  });
});

describe("sign-in throttling through next-auth's credentials check", () => {
  type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
  const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
  const PASSWORD = "correct horse battery";
  let victim: string;

  beforeAll(async () => {
    await useFreshDatabase();
    victim = (await makeActor("member")).email;
  });

  it("five wrong guesses from another address never lock the owner out", async () => {
    for (let i = 0; i < 5; i++) {
      await expect(authorize({ email: victim, password: "guess" }, { headers: { "x-charter-peer": "203.0.113.66" } })).rejects.toThrow("wrong_credentials");
    }
    await expect(authorize({ email: victim, password: "guess" }, { headers: { "x-charter-peer": "203.0.113.66" } })).rejects.toThrow("throttled");
    await expect(authorize({ email: victim, password: PASSWORD }, { headers: { "x-charter-peer": "10.0.0.7" } })).resolves.toMatchObject({ email: victim });
  });

  it("a forged X-Forwarded-For cannot lock out someone else's address behind the proxy", async () => {
    const previous = process.env.TRUST_PROXY;
    process.env.TRUST_PROXY = "1";
    try {
      const owner = (await makeActor("member")).email;
      const accounts = await Promise.all(Array.from({ length: 10 }, () => makeActor("viewer")));
      // The attacker writes the victim's address; the proxy appends the attacker's real one.
      const forged = { "x-charter-peer": "127.0.0.1", "x-forwarded-for": "10.0.0.9, 203.0.113.66" };
      for (const account of accounts) {
        for (let i = 0; i < 5; i++) await authorize({ email: account.email, password: "guess" }, { headers: forged }).catch(() => undefined);
      }
      await expect(authorize({ email: owner, password: PASSWORD }, { headers: { "x-charter-peer": "127.0.0.1", "x-forwarded-for": "10.0.0.9" } })).resolves.toMatchObject({ email: owner });
      // The attacker's own address is what got locked.
      await expect(authorize({ email: owner, password: PASSWORD }, { headers: { "x-charter-peer": "127.0.0.1", "x-forwarded-for": "203.0.113.66" } })).rejects.toThrow("throttled");
    } finally {
      if (previous === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = previous;
    }
  });
});

describe("sessions", () => {
  beforeAll(async () => {
    await useFreshDatabase();
  });

  it("signing out ends the session: the same token no longer names an actor", async () => {
    const { actorFromSession } = await import("@/server/domain/members");
    const user = await makeActor("member");
    const token = await authOptions.callbacks!.jwt!({ token: {}, user: { id: user.id, sessionVersion: 0 } as never, account: null } as never);
    const session = await authOptions.callbacks!.session!({ session: { user: {}, expires: "" }, token } as never);
    const version = (session as unknown as { sv: number }).sv;
    expect(await actorFromSession(user.id, version)).toMatchObject({ id: user.id });
    await authOptions.events!.signOut!({ token, session: null } as never);
    expect(await actorFromSession(user.id, version)).toBeNull();
  });
});
