import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "charter-demo";
export const DEMO_DRAFT = "Charter on Humanised Border Management — working draft";

/** Signs in through next-auth's own endpoints (CSRF token, then the credentials callback). */
export async function signInApi(request: APIRequestContext, email: string, password = DEMO_PASSWORD, baseURL?: string) {
  const base = baseURL ?? "";
  const { csrfToken } = await (await request.get(`${base}/api/auth/csrf`)).json();
  const res = await request.post(`${base}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(res.ok()).toBeTruthy();
}

export async function userPage(browser: Browser, role: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await signInApi(context.request, `${role}@demo.test`);
  const page = await context.newPage();
  return { context, page };
}

export async function openDemoDraft(page: Page) {
  await page.goto("/drafts");
  await page.getByRole("link", { name: DEMO_DRAFT }).click();
  await expect(page.getByTestId("charter-editor")).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
}
