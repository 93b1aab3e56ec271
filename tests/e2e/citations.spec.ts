import { expect, test } from "@playwright/test";
import { openDemoDraft, userPage } from "./helpers";

test("a member cites a recommendation in article 2; others see it; coverage and reverse links follow", async ({ browser }) => {
  const member = await userPage(browser, "member");
  const chair = await userPage(browser, "chair");
  await openDemoDraft(member.page);
  await openDemoDraft(chair.page);

  const panel = member.page.getByTestId("sources-panel");
  await panel.getByLabel("Search").fill("collective dynamic");
  await expect(panel.getByTestId("panel-item")).toHaveCount(1);
  const article2 = member.page.locator(".charter section.clause").nth(1).locator("p").first();
  await article2.click();
  await member.page.keyboard.press("End");
  await panel.getByRole("button", { name: "Cite in this article: MKH23-REC-08" }).click();
  await expect(member.page.locator('.charter section.clause').nth(1).locator('cite[data-key="MKH23-REC-08"]')).toBeVisible();

  // the chair sees the citation live, and its source on hover
  const chairCite = chair.page.locator(".charter section.clause").nth(1).locator('cite[data-key="MKH23-REC-08"]');
  await expect(chairCite).toBeVisible();
  await chairCite.hover();
  await expect(chair.page.getByTestId("citation-popover")).toContainText("collective dynamic between countries");

  // the Coverage page counts it
  await member.page.getByRole("link", { name: "Coverage" }).click();
  await expect(member.page).toHaveURL(/\/coverage$/);
  const row = member.page.getByTestId("coverage-matrix").locator('tr[data-key="MKH23-REC-08"]');
  await expect(async () => {
    await member.page.reload();
    await expect(row.locator("td.status-cited")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(row.locator("td.hit")).toHaveCount(1);
  await expect(member.page.getByTestId("coverage-headline")).toContainText("of the recommendations and conclusions are cited");

  // the reverse link on the recommendation leads back to article 2
  await member.page.goto("/sources?q=collective+dynamic");
  const citedIn = member.page.getByTestId("cited-in");
  await expect(citedIn).toContainText("Art. 2");
  await citedIn.getByRole("link", { name: /Art\. 2/ }).click();
  await expect(member.page).toHaveURL(/\?clause=demo-art-2/);
  await expect(member.page.locator('.charter section.clause[data-clause-id="demo-art-2"]')).toHaveClass(/clause-target/);
  await member.context.close();
  await chair.context.close();
});

test("a viewer reads coverage but cannot record decisions; a member can", async ({ browser }) => {
  const viewer = await userPage(browser, "viewer");
  await openDemoDraft(viewer.page);
  await viewer.page.getByRole("link", { name: "Coverage" }).click();
  await expect(viewer.page).toHaveURL(/\/coverage$/);
  await expect(viewer.page.getByTestId("coverage-open").getByTestId("coverage-item").first()).toBeVisible();
  await expect(viewer.page.getByRole("button", { name: "Mark as deliberately not addressed" })).toHaveCount(0);
  await viewer.context.close();

  const member = await userPage(browser, "member");
  await openDemoDraft(member.page);
  await member.page.getByRole("link", { name: "Coverage" }).click();
  await expect(member.page).toHaveURL(/\/coverage$/);
  const first = member.page.getByTestId("coverage-open").getByTestId("coverage-item").first();
  const key = await first.getAttribute("data-key");
  await first.getByRole("button", { name: "Mark as deliberately not addressed" }).click();
  await first.getByLabel("Reason").fill("Covered by the Cadiz Action Plan instead");
  await first.getByRole("button", { name: "Save" }).click();
  const decided = member.page.locator(`[data-testid=coverage-item][data-key="${key}"]`);
  await expect(decided).toContainText("Deliberately not addressed");
  await expect(decided).toContainText("Covered by the Cadiz Action Plan instead");
  await decided.getByRole("button", { name: "Withdraw this decision" }).click();
  await expect(member.page.locator(`[data-testid=coverage-item][data-key="${key}"]`)).toContainText("Not addressed yet");
  await member.context.close();
});
