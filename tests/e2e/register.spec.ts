// The register of amendments (issue 12, item 7): every amendment of a draft in one table, with its
// delegations, article, type, operation, proposed change, reasons, status and decision; filters
// that live in the URL (a filtered view can be shared); counts per status; a delegation's own view.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoUser, draftWith, newMember, propose, setLocale, THREE_ARTICLES, type User } from "./amendment-fixtures";

const rows = (page: Page) => page.getByTestId("register-row");
const numbers = async (page: Page) => rows(page).evaluateAll((els) => els.map((el) => el.getAttribute("data-number")));

/** Senegal (the demo member) and a new Ghana member propose on a draft of its own. */
async function registerScene(browser: Browser) {
  const secretariat = await demoUser(browser, "secretariat");
  const senegal = await demoUser(browser, "member");
  const ghana = await newMember(browser, secretariat.api, "Ghana");
  const chair = await demoUser(browser, "chair");
  const draftId = await draftWith(secretariat.api, `Register ${Date.now()}`, THREE_ARTICLES);
  const am1 = await propose(senegal.api, draftId, {
    clauseId: "art-2", op: "MOD", exact: "Partner countries share responsibility.",
    proposedText: "Partner countries share responsibility equitably.", rationale: "Equity between countries of origin and destination.",
  });
  const am2 = await propose(senegal.api, draftId, { clauseId: "art-1", op: "SUP", type: "ed", exact: "Border management", rationale: "Redundant with the title." });
  const am3 = await propose(ghana.api, draftId, {
    clauseId: "art-3", op: "ADD", type: "ge", proposedText: "Training shall include first aid.", rationale: "Lives are saved at sea.",
  });
  expect((await senegal.api.post(`/api/amendments/${am3.id}/cosponsors`)).status()).toBe(201);
  const am4 = await propose(ghana.api, draftId, { clauseId: "art-1", op: "NOC", rationale: "Keep as drafted." });
  expect((await ghana.api.patch(`/api/amendments/${am4.id}`, { data: { status: "withdrawn" } })).status()).toBe(200);
  // A private draft: its sponsor's alone.
  await propose(senegal.api, draftId, { clauseId: "art-3", op: "SUP", rationale: "Not ready yet.", submit: false });
  const close = async () => {
    for (const u of [secretariat, senegal, ghana, chair] as User[]) await u.context.close();
  };
  return { draftId, secretariat, senegal, ghana, chair, am: [am1, am2, am3, am4], close };
}

test("the register lists every submitted amendment in article order, filters through the URL and counts per status", async ({ browser }) => {
  const s = await registerScene(browser);
  const [am1, am2, am3, am4] = s.am;
  try {
    const page = s.chair.page;
    await page.goto(`/drafts/${s.draftId}`);
    await page.getByRole("link", { name: "Amendments", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/drafts/${s.draftId}/amendments/register`));
    await expect(page.getByRole("heading", { name: "Register of amendments" })).toBeVisible();

    // Article order, then number; someone else's private draft is not there.
    expect(await numbers(page)).toEqual([am2.number, am4.number, am1.number, am3.number]);
    const first = rows(page).filter({ hasText: am1.number! });
    await expect(first.getByTestId("cell-delegations")).toHaveText("Senegal");
    await expect(first.getByTestId("cell-article")).toContainText("Art. 2");
    await expect(first.getByTestId("cell-article")).toContainText("Shared responsibility");
    await expect(first.getByTestId("cell-type")).toHaveText("te");
    await expect(first.getByTestId("cell-op")).toHaveText("MOD");
    await expect(first.getByTestId("cell-change")).toContainText("Partner countries share responsibility.");
    await expect(first.getByTestId("cell-change")).toContainText("Partner countries share responsibility equitably.");
    await expect(first.getByTestId("cell-reasons")).toHaveText("Equity between countries of origin and destination.");
    await expect(first.getByTestId("cell-status")).toHaveText("Submitted");
    const cosponsored = rows(page).filter({ hasText: am3.number! });
    await expect(cosponsored.getByTestId("cell-delegations")).toHaveText("Ghana + Senegal");
    await expect(rows(page).filter({ hasText: am4.number! }).getByTestId("cell-status")).toHaveText("Withdrawn");

    // Counts per status.
    const counts = page.getByTestId("status-counts");
    await expect(counts.locator('[data-status="submitted"] .count')).toHaveText("3");
    await expect(counts.locator('[data-status="withdrawn"] .count')).toHaveText("1");
    await expect(counts.locator('[data-status="accepted"]')).toHaveCount(0);

    // Filters from the form land in the URL.
    await page.getByLabel("Delegation").selectOption("Ghana");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/delegation=Ghana/);
    expect(await numbers(page)).toEqual([am4.number, am3.number]);
    await expect(counts.locator('[data-status="submitted"] .count')).toHaveText("1");

    // A shared URL opens the same view; each filter narrows.
    const base = `/drafts/${s.draftId}/amendments/register`;
    await page.goto(`${base}?op=SUP`);
    expect(await numbers(page)).toEqual([am2.number]);
    await expect(page.getByLabel("Operation")).toHaveValue("SUP");
    await page.goto(`${base}?clauseId=art-2`);
    expect(await numbers(page)).toEqual([am1.number]);
    await page.goto(`${base}?type=ge`);
    expect(await numbers(page)).toEqual([am3.number]);
    await page.goto(`${base}?status=withdrawn`);
    expect(await numbers(page)).toEqual([am4.number]);
    await page.goto(`${base}?delegation=Senegal&op=ADD`);
    expect(await numbers(page)).toEqual([am3.number]);
    // No decision has a reading yet: that filter matches nothing, and says so.
    await page.goto(`${base}?reading=${encodeURIComponent("First reading, 12 March")}`);
    await expect(rows(page)).toHaveCount(0);
    await expect(page.getByText("No amendment matches these filters.")).toBeVisible();
    // A filter value that is not one of the lists is ignored, not an error.
    await page.goto(`${base}?status=nonsense`);
    await expect(rows(page)).toHaveCount(4);

    // The exports of the disposition table.
    await expect(page.getByRole("link", { name: "Disposition table (DOCX)" })).toHaveAttribute("href", `/api/drafts/${s.draftId}/amendments/export?format=docx`);
    await expect(page.getByRole("link", { name: "Disposition table (CSV)" })).toHaveAttribute("href", `/api/drafts/${s.draftId}/amendments/export?format=csv`);
  } finally {
    await s.close();
  }
});

test("a decided amendment shows who decided, when, the observation and the reading; the reading filter finds it; counts follow", async ({ browser }) => {
  const s = await registerScene(browser);
  const [am1, am2, am3] = s.am;
  const reading = "First reading, 12 March";
  try {
    const page = s.chair.page;
    await page.goto(`/drafts/${s.draftId}/amendments/register`);
    await expect(page.getByTestId("register-live")).toHaveAttribute("data-state", "connected");
    // The chair decides two, in session, with the reading.
    const accepted = await s.chair.api.patch(`/api/amendments/${am1.id}`, { data: { status: "accepted", observation: "Agreed by consensus.", reading } });
    expect(accepted.status(), await accepted.text()).toBe(200);
    const declined = await s.chair.api.patch(`/api/amendments/${am3.id}`, { data: { status: "not_accepted", observation: "No support in the room.", reading: "Second reading" } });
    expect(declined.status(), await declined.text()).toBe(200);

    // The open register follows without a reload.
    const row = rows(page).filter({ hasText: am1.number! });
    await expect(row.getByTestId("cell-status")).toHaveText("Accepted");
    const decision = row.getByTestId("cell-decision");
    const today = new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(new Date());
    await expect(decision).toContainText(`Youssef Alaoui, ${today}`);
    await expect(decision).toContainText("Agreed by consensus.");
    await expect(decision).toContainText(reading);
    await expect(rows(page).filter({ hasText: am3.number! }).getByTestId("cell-decision")).toContainText("No support in the room.");
    await expect(rows(page).filter({ hasText: am2.number! }).getByTestId("cell-decision")).toHaveText("—");
    const counts = page.getByTestId("status-counts");
    await expect(counts.locator('[data-status="accepted"] .count')).toHaveText("1");
    await expect(counts.locator('[data-status="not_accepted"] .count')).toHaveText("1");
    await expect(counts.locator('[data-status="submitted"] .count')).toHaveText("1");

    // The reading is offered as a filter and finds exactly the decisions of that reading.
    await page.reload();
    await page.getByLabel("Reading").selectOption(reading);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/reading=First/);
    expect(await numbers(page)).toEqual([am1.number]);
    await expect(counts.locator('[data-status="accepted"] .count')).toHaveText("1");
    await expect(counts.locator('[data-status="not_accepted"]')).toHaveCount(0);
    await page.goto(`/drafts/${s.draftId}/amendments/register?status=accepted`);
    expect(await numbers(page)).toEqual([am1.number]);
  } finally {
    await s.close();
  }
});

test("a member's own view lists what her delegation sponsored or co-sponsored and its fate", async ({ browser }) => {
  const s = await registerScene(browser);
  const [am1, am2, am3, am4] = s.am;
  try {
    const page = s.senegal.page;
    await page.goto(`/drafts/${s.draftId}/amendments/register`);
    // The sponsor sees her private draft in the register, without a number.
    await expect(rows(page)).toHaveCount(5);
    await page.getByRole("link", { name: "Our delegation (Senegal)" }).click();
    await expect(page).toHaveURL(/ours=1/);
    expect(await numbers(page)).toEqual([am2.number, am1.number, am3.number, ""]);
    await expect(rows(page).filter({ hasText: am3.number! }).getByTestId("cell-status")).toHaveText("Submitted");
    await expect(rows(page).last().getByTestId("cell-number")).toHaveText("Private draft");
    await expect(page.getByTestId("status-counts").locator('[data-status="submitted"] .count')).toHaveText("3");
    await expect(page.getByTestId("status-counts").locator('[data-status="draft"] .count')).toHaveText("1");

    // Ghana proposes with Senegal as co-sponsor: Senegal's view shows it without a reload.
    await expect(page.getByTestId("register-live")).toHaveAttribute("data-state", "connected");
    const joint = await propose(s.ghana.api, s.draftId, { clauseId: "art-2", op: "NOC", rationale: "Jointly: keep it.", cosponsors: ["Senegal"] });
    await expect(rows(page)).toHaveCount(5);
    expect(await numbers(page)).toEqual([am2.number, am1.number, joint.number, am3.number, ""]);
    await expect(page.getByTestId("status-counts").locator('[data-status="submitted"] .count')).toHaveText("4");

    // Ghana's own view: its three, one withdrawn.
    await s.ghana.page.goto(`/drafts/${s.draftId}/amendments/register?ours=1`);
    expect(await numbers(s.ghana.page)).toEqual([am4.number, joint.number, am3.number]);
    await expect(s.ghana.page.getByTestId("status-counts").locator('[data-status="withdrawn"] .count')).toHaveText("1");

    // A viewer speaks for no delegation in the register: no "our delegation" view is offered.
    const viewer = await demoUser(browser, "viewer");
    await viewer.page.goto(`/drafts/${s.draftId}/amendments/register`);
    await expect(rows(viewer.page)).toHaveCount(5);
    await expect(viewer.page.getByRole("link", { name: /Our delegation/ })).toHaveCount(0);
    await viewer.context.close();
  } finally {
    await s.close();
  }
});

test("the register in French, empty and full, passes axe and fits a 360 px screen", async ({ browser }) => {
  const s = await registerScene(browser);
  const chair = s.chair;
  await setLocale(chair.api, "fr");
  try {
    const empty = await draftWith(s.secretariat.api, `Registre vide ${Date.now()}`, THREE_ARTICLES);
    await chair.page.goto(`/drafts/${empty}/amendments/register`);
    await expect(chair.page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(chair.page.getByText("Aucun amendement n’a encore été déposé.")).toBeVisible();

    await chair.page.goto(`/drafts/${s.draftId}/amendments/register`);
    await expect(chair.page.getByRole("heading", { name: "Registre des amendements" })).toBeVisible();
    await expect(rows(chair.page).filter({ hasText: s.am[3].number! }).getByTestId("cell-status")).toHaveText("Retiré");
    await expect(chair.page.getByLabel("Délégation")).toBeVisible();
    await expect(chair.page.getByRole("link", { name: "Tableau des décisions (DOCX)" })).toBeVisible();
    const axe = await new AxeBuilder({ page: chair.page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

    await chair.page.setViewportSize({ width: 360, height: 740 });
    await chair.page.reload();
    await expect(rows(chair.page)).toHaveCount(4);
    expect(await chair.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Each amendment is a card: its status sits inside the screen's width, labelled.
    const status = rows(chair.page).first().getByTestId("cell-status");
    await status.scrollIntoViewIfNeeded();
    const box = (await status.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await status.evaluate((el) => getComputedStyle(el, "::before").content)).toBe('"Statut: "');
  } finally {
    await setLocale(chair.api, "en");
    await s.close();
  }
});
