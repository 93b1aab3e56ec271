// PDF through the print pipeline of headless Chromium (Debian's, the one the tests install):
// the print-styled HTML export, with page numbers in the footer. One browser, reused.
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { DomainError } from "@/server/domain/errors";
import { exportLabels } from "./labels";
import { renderHtml } from "./html";
import type { ExportModel } from "./model";

const KEY = Symbol.for("charter.pdfBrowser");
const holder = globalThis as unknown as { [KEY]?: Promise<Browser> };

export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

async function browser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new DomainError("unavailable", "PDF export needs Chromium on the server (Debian: apt-get install chromium). The other formats work without it.");
  holder[KEY] ??= import("playwright-core").then(({ chromium }) =>
    chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] }),
  );
  try {
    const b = await holder[KEY];
    if (b.isConnected()) return b;
  } catch {
    // fall through and relaunch
  }
  holder[KEY] = undefined;
  return browser();
}

export async function renderPdf(model: ExportModel): Promise<Buffer> {
  const l = exportLabels(model.locale);
  const page = await (await browser()).newPage();
  try {
    // Offline by construction: the page has no external resources, and nothing may be fetched.
    await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    await page.setContent(renderHtml(model), { waitUntil: "load" });
    return await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-size:9px;width:100%;text-align:center;color:#444">${l.page} <span class="pageNumber"></span> ${l.of} <span class="totalPages"></span></div>`,
      margin: { top: "20mm", bottom: "22mm", left: "18mm", right: "18mm" },
    });
  } finally {
    await page.close();
  }
}

export async function closePdfBrowser(): Promise<void> {
  const b = holder[KEY];
  holder[KEY] = undefined;
  if (b) await (await b.catch(() => null))?.close();
}
