import { expect, test } from "@playwright/test";
import { EMPTY_URL } from "../../playwright.config";

const ROLES = [
  ["secretariat", "Secretariat"],
  ["chair", "Chair"],
  ["member", "Member"],
  ["observer", "Observer"],
  ["viewer", "Viewer"],
] as const;

for (const [role, label] of ROLES) {
  test(`${role} signs in through the form and sees what the role allows`, async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Sign in" }).first().click();
    await page.getByLabel("Email").fill(`${role}@demo.test`);
    await page.getByLabel("Password").fill("charter-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("whoami")).toContainText(label);
    await expect(page.getByRole("heading", { name: "Drafts of the Charter" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Members" })).toHaveCount(role === "secretariat" ? 1 : 0);
    await expect(page.getByRole("button", { name: "Create a draft" })).toHaveCount(role === "secretariat" ? 1 : 0);
  });
}

test("wrong credentials get a clear message, repeated failures are throttled", async ({ page }) => {
  await page.goto("/login");
  const email = `nobody-${Date.now()}@demo.test`;
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("p[role=alert]")).toHaveText("Wrong email or password.");
  }
  // the form keeps the email after a failure
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Password").fill("still not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("p[role=alert]")).toHaveText(/Too many failed attempts/);
});

test("first visit to an empty server offers to create the secretariat account", async ({ page }) => {
  await page.goto(`${EMPTY_URL}/`);
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Your name").fill("Salma Bennani");
  await page.getByLabel("Email").fill("salma@secretariat.test");
  await page.getByLabel("Password (at least 10 characters)").fill("a-strong-password");
  await page.getByRole("button", { name: "Create the secretariat account" }).click();
  await expect(page.getByTestId("whoami")).toContainText("Salma Bennani · Secretariat");
  // the Marrakesh items are there on a fresh server
  await page.getByRole("link", { name: "Sources", exact: true }).click();
  await expect(page.getByTestId("source-count")).toHaveText("60 items");
  // she creates the draft
  await page.getByRole("link", { name: "Drafts", exact: true }).click();
  await page.getByLabel("Title of the new draft").fill("Charter — first draft");
  await page.getByRole("button", { name: "Create a draft" }).click();
  await expect(page.getByRole("heading", { name: "Charter — first draft" })).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
  // and invites a colleague
  await page.goto(`${EMPTY_URL}/admin/members`);
  await page.getByLabel("Name").last().fill("Aminata Diallo");
  await page.getByLabel("Email").last().fill("aminata@senegal.test");
  await page.getByLabel("Delegation or organisation").last().fill("Senegal");
  await page.getByLabel("Role").last().selectOption("member");
  await page.getByLabel("Initial password (at least 10 characters)").fill("another-password");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("cell", { name: "aminata@senegal.test" })).toBeVisible();
  // a second setup is refused
  const res = await page.request.post(`${EMPTY_URL}/api/setup`, { data: { name: "X", email: "x@x.test", password: "xxxxxxxxxxxx" } });
  expect(res.status()).toBe(409);
});
