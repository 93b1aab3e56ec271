import { expect, test } from "@playwright/test";
import { signInApi } from "./helpers";
import { DEMO_URL } from "../../playwright.config";
import { parseContract } from "../helpers/contract";
import { errorBodySchema } from "../../lib/contracts/common";
import { clauseListSchema, collabAccessSchema, draftListSchema, draftSchema } from "../../lib/contracts/drafts";
import { meSchema } from "../../lib/contracts/members";
import { sourceItemListSchema, sourceItemSchema } from "../../lib/contracts/sources";

test.describe("JSON API", () => {
  test("refuses anonymous calls with 401 and a JSON error", async ({ request }) => {
    for (const path of ["/api/sources", "/api/drafts", "/api/me", "/api/sources/xyz"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(401);
      expect(parseContract(errorBodySchema, await res.json()).error.code).toBe("unauthenticated");
    }
  });

  test("lists, filters and reads sources", async ({ request }) => {
    await signInApi(request, "viewer@demo.test");
    const all = parseContract(sourceItemListSchema, await (await request.get("/api/sources")).json());
    expect(all).toHaveLength(60);
    expect(Object.keys(all[0]).sort()).toEqual(expect.arrayContaining(["id", "key", "kind", "section", "actors", "text", "order", "documentId"]));
    const recs = parseContract(sourceItemListSchema, await (await request.get("/api/sources?kind=recommendation")).json());
    expect(recs).toHaveLength(19);
    const byActor = parseContract(sourceItemListSchema, await (await request.get("/api/sources?actor=France")).json());
    expect(byActor.every((i) => i.actors.includes("France"))).toBe(true);
    const found = parseContract(sourceItemListSchema, await (await request.get("/api/sources?q=non-discrimination")).json());
    expect(found).toEqual([]);
    const one = parseContract(sourceItemSchema, await (await request.get(`/api/sources/${recs[0].id}`)).json());
    expect(one.key).toBe("MKH23-REC-01");
    expect((await request.get("/api/sources/does-not-exist")).status()).toBe(404);
    const bad = await request.get("/api/sources?kind=opinion");
    expect(bad.status()).toBe(400);
    expect(parseContract(errorBodySchema, await bad.json()).error.message).toMatch(/kind/);
  });

  test("only the secretariat creates drafts; bad input is a 400", async ({ playwright }) => {
    const member = await playwright.request.newContext({ baseURL: DEMO_URL });
    await signInApi(member, "member@demo.test");
    const refused = await member.post("/api/drafts", { data: { title: "Mine" } });
    expect(refused.status()).toBe(403);
    expect(parseContract(errorBodySchema, await refused.json()).error.code).toBe("forbidden");

    const secretariat = await playwright.request.newContext({ baseURL: DEMO_URL });
    await signInApi(secretariat, "secretariat@demo.test");
    const empty = await secretariat.post("/api/drafts", { data: { title: "   " } });
    expect(empty.status()).toBe(400);
    expect(parseContract(errorBodySchema, await empty.json()).error.message).toMatch(/title/i);
    const notJson = await secretariat.post("/api/drafts", { headers: { "content-type": "application/json" }, data: "{not json" });
    expect(notJson.status()).toBe(400);
    const created = await secretariat.post("/api/drafts", { data: { title: "Draft from the API" } });
    expect(created.status()).toBe(201);
    // The same shape as GET /api/drafts/:id (it used to carry createdBy as an object).
    const draft = parseContract(draftSchema, await created.json());
    expect(parseContract(draftSchema, await (await member.get(`/api/drafts/${draft.id}`)).json())).toEqual(draft);
    const list = parseContract(draftListSchema, await (await member.get("/api/drafts")).json());
    expect(list.map((d) => d.title)).toContain("Draft from the API");

    const collab = parseContract(collabAccessSchema, await (await member.get(`/api/drafts/${draft.id}/collab`)).json());
    expect(collab).toMatchObject({ room: `draft.${draft.id}`, mode: "rw" });
    expect(collab.url).toBe(`${DEMO_URL.replace("http", "ws")}/collab`);
    expect(collab.token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect((await member.get(`/api/drafts/nope/collab`)).status()).toBe(404);
    await member.dispose();
    await secretariat.dispose();
  });

  test("GET /api/me and the clause index of the demo draft", async ({ request }) => {
    await signInApi(request, "observer@demo.test");
    const me = parseContract(meSchema, await (await request.get("/api/me")).json());
    expect(me).toMatchObject({ role: "observer", abilities: { editDraft: false, comment: true } });
    const drafts = parseContract(draftListSchema, await (await request.get("/api/drafts")).json());
    const demo = drafts.find((d) => d.title.startsWith("Charter on Humanised Border Management"))!;
    const clauses = parseContract(clauseListSchema, await (await request.get(`/api/drafts/${demo.id}/clauses`)).json());
    expect(clauses.map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
    expect(clauses[2]).toMatchObject({ heading: "Screening of vulnerable migrants" });
    expect(clauses[2].citations.map((c) => c.key).sort()).toEqual(["MKH23-REC-03", "MKH23-REC-07"]);
    const collab = parseContract(collabAccessSchema, await (await request.get(`/api/drafts/${demo.id}/collab`)).json());
    expect(collab.mode).toBe("ro");
  });

  test("writes from another site are refused", async ({ request }) => {
    await signInApi(request, "secretariat@demo.test");
    const res = await request.post("/api/drafts", { headers: { origin: "https://evil.example" }, data: { title: "x" } });
    expect(res.status()).toBe(403);
  });
});
