// Deciding amendments over HTTP with real browsers: the chair's acceptance reaches her open editor,
// an outdated amendment answers 409 "outdated", and the sponsor sees the decision on the bell and
// the notifications page, in English and in French. Works on a draft of its own, so the demo
// draft other journeys read stays as seeded.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { userPage } from "./helpers";

async function propose(member: APIRequestContext, draftId: string, clauseId: string, proposedText: string) {
  const res = await member.post(`/api/drafts/${draftId}/amendments`, { data: { clauseId, op: "MOD", proposedText, rationale: "Clearer.", submit: true } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; number: string };
}

test("the chair accepts an amendment: her editor shows it, an outdated one is refused, the sponsor is notified (en, fr)", async ({ browser }) => {
  const chair = await userPage(browser, "chair");
  const member = await userPage(browser, "member");
  const secretariat = await userPage(browser, "secretariat");
  const created = await secretariat.context.request.post("/api/drafts", { data: { title: `Decisions ${Date.now()}` } });
  expect(created.status()).toBe(201);
  const draftId = ((await created.json()) as { id: string }).id;
  await secretariat.context.close();
  const [clause] = (await (await chair.context.request.get(`/api/drafts/${draftId}/clauses`)).json()) as { clauseId: string }[];

  await chair.page.goto(`/drafts/${draftId}`);
  await expect(chair.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");

  const first = await propose(member.context.request, draftId, clause.clauseId, "Border authorities shall cooperate in good faith.");
  const accepted = await chair.context.request.patch(`/api/amendments/${first.id}`, { data: { status: "accepted", observation: "Agreed.", reading: "First reading" } });
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toMatchObject({ status: "accepted", decision: { observation: "Agreed.", reading: "First reading" } });
  const article = chair.page.locator(`.charter section.clause[data-clause-id="${clause.clauseId}"]`);
  await expect(article).toContainText("Border authorities shall cooperate in good faith.");

  // The chair edits the article after a second amendment was submitted on it: outdated.
  const second = await propose(member.context.request, draftId, clause.clauseId, "Border authorities shall cooperate closely.");
  await article.locator("p").first().click();
  await chair.page.keyboard.press("End");
  await chair.page.keyboard.type(" Always.");
  await expect.poll(async () => ((await (await chair.context.request.get(`/api/amendments/${second.id}`)).json()) as { outdated: boolean }).outdated).toBe(true);
  const refused = await chair.context.request.patch(`/api/amendments/${second.id}`, { data: { status: "accepted" } });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("outdated");
  await expect(article).toContainText("Border authorities shall cooperate in good faith. Always.");
  // The sponsor may not decide.
  expect((await member.context.request.patch(`/api/amendments/${second.id}`, { data: { status: "not_accepted" } })).status()).toBe(403);

  await member.page.goto("/notifications");
  // Hers on this draft's amendment (the demo seed's decisions notify her delegation too).
  const item = member.page.locator('[data-kind="amendment_decided"]').filter({ has: member.page.locator(`a[href*="${first.id}"]`) });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`Youssef Alaoui decided on ${first.number}: accepted`);
  await expect(member.page.getByTestId("bell")).not.toHaveAttribute("data-unread", "0");
  // WCAG 2.1 AA with a decision on the page.
  const axe = await new AxeBuilder({ page: member.page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // The member's stored language (put back afterwards: other journeys sign in as her).
  expect((await member.context.request.post("/api/me/locale", { data: { locale: "fr" } })).ok()).toBeTruthy();
  try {
    await member.page.reload();
    await expect(item).toContainText(`Youssef Alaoui a statué sur ${first.number} : adopté`);
    await expect(item.getByRole("link")).toHaveText("Ouvrir le projet à cet amendement");
  } finally {
    expect((await member.context.request.post("/api/me/locale", { data: { locale: "en" } })).ok()).toBeTruthy();
  }

  await item.getByRole("link").click();
  await expect(member.page).toHaveURL(new RegExp(`/drafts/${draftId}\\?amendment=${first.id}`));
  await member.page.goto("/notifications");
  await expect(item).toHaveAttribute("data-read", "true");

  await chair.context.close();
  await member.context.close();
});
