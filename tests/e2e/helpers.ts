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

/**
 * Selects `text` in the shared text, as a mouse drag would, across the text nodes that decorations
 * split it into (a comment highlight, an amended passage), skipping what widgets draw (amendment
 * labels, proposals). `within` narrows the search (an article's selector).
 */
export async function selectInEditor(page: Page, text: string, within = ".charter .ProseMirror") {
  await page.evaluate(
    ([needle, scope]) => {
      const root = document.querySelector(scope)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest(".ProseMirror-widget")) nodes.push(node as Text);
      }
      // Text nodes of one paragraph are adjacent in this list; a match never spans two paragraphs.
      const blockOf = (n: Text) => n.parentElement!.closest("p, h1, h2, h3, h4, li");
      for (let first = 0; first < nodes.length; first++) {
        let joined = "";
        const run: Text[] = [];
        for (let k = first; k < nodes.length && blockOf(nodes[k]) === blockOf(nodes[first]); k++) {
          run.push(nodes[k]);
          joined += nodes[k].data;
        }
        const at = joined.indexOf(needle);
        if (at < 0 || at >= nodes[first].data.length) continue;
        const place = (offset: number, endSide: boolean): [Text, number] => {
          for (const n of run) {
            if (offset < n.data.length || (endSide && offset === n.data.length)) return [n, offset];
            offset -= n.data.length;
          }
          throw new Error("offset outside the paragraph");
        };
        const range = document.createRange();
        range.setStart(...place(at, false));
        range.setEnd(...place(at + needle.length, true));
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
        return;
      }
      throw new Error(`text not found: ${needle}`);
    },
    [text, within] as const,
  );
}

/** The text the browser's selection covers in the shared text, without what widgets draw. */
export async function selectedEditorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) return "";
    const fragment = selection.getRangeAt(0).cloneContents();
    fragment.querySelectorAll(".ProseMirror-widget").forEach((w) => w.remove());
    return fragment.textContent ?? "";
  });
}

/** A fresh draft made by the secretariat (one empty article in each language), so a spec depends on no other spec's edits. */
export async function newDraft(browser: Browser, title: string): Promise<string> {
  const context = await browser.newContext();
  await signInApi(context.request, "secretariat@demo.test");
  const res = await context.request.post("/api/drafts", { data: { title } });
  expect(res.ok()).toBeTruthy();
  const { id } = (await res.json()) as { id: string };
  await context.close();
  return id;
}
