import { exportLabels, formatDate } from "./labels";
import { LANGUAGE_NAMES, parallelRows, type Article, type ExportModel, type Run } from "./model";

export const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function runsHtml(runs: Run[], noteNumber: (key: string) => number): string {
  return runs
    .map((r) => {
      if (r.type === "citation") {
        const n = noteNumber(r.key);
        return `<cite class="citation">[${escapeHtml(r.key)}]</cite><sup class="fn"><a href="#note-${n}">${n}</a></sup>`;
      }
      let t = escapeHtml(r.text).replace(/\n/g, "<br>");
      if (r.bold) t = `<strong>${t}</strong>`;
      if (r.italic) t = `<em>${t}</em>`;
      return t;
    })
    .join("");
}

const PRINT_CSS = `
@page { size: A4; margin: 22mm 20mm 24mm; }
body { font-family: "DejaVu Serif", "Liberation Serif", Georgia, serif; font-size: 11.5pt; line-height: 1.45; color: #111; max-width: 46em; margin: 2em auto; }
.title-page { page-break-after: always; text-align: center; padding-top: 30vh; }
.title-page h1 { font-size: 22pt; margin-bottom: .6em; }
.status { font-style: italic; color: #8a1c1c; }
h2.chapter { font-size: 14pt; margin-top: 1.6em; border-bottom: 1px solid #999; }
article { margin: 1em 0; page-break-inside: avoid; }
article h3 { font-size: 12pt; margin: .2em 0; }
cite.citation { font-style: normal; font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
sup.fn a { text-decoration: none; color: inherit; }
section.annex { page-break-before: always; }
.notes { font-size: 9.5pt; border-top: 1px solid #999; margin-top: 2em; }
.meta { color: #444; }
table.parallel { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.parallel th, table.parallel td { vertical-align: top; text-align: left; padding: 0 .6em; width: 50%; }
table.parallel th { border-bottom: 1px solid #999; font-size: 10pt; color: #444; }
table.parallel tr.chapter td { padding: 0; }
table.parallel article { margin: .6em 0; }
body.parallel { max-width: none; }
@media screen { body { padding: 0 1em; } .title-page { padding-top: 2em; } }
`;

export function renderHtml(model: ExportModel): string {
  const l = exportLabels(model.locale);
  const notes: string[] = [];
  const noteOf = new Map<string, number>();
  const noteNumber = (key: string) => {
    if (!noteOf.has(key)) {
      noteOf.set(key, notes.length + 1);
      const source = model.sources.find((s) => s.key === key);
      notes.push(`${key} — ${source?.text || l.missing}`);
    }
    return noteOf.get(key)!;
  };
  const articleHtml = (a: Article, idPrefix = "art") => {
    const parts = [`<article id="${idPrefix}-${escapeHtml(a.clauseId)}"><h3>${l.article} ${a.number}${a.heading ? ` — ${escapeHtml(a.heading)}` : ""}</h3>`];
    for (const block of a.blocks) {
      if (block.type === "paragraph") parts.push(`<p>${runsHtml(block.runs, noteNumber)}</p>`);
      else parts.push(`<${block.ordered ? "ol" : "ul"}>${block.items.map((i) => `<li>${runsHtml(i, noteNumber)}</li>`).join("")}</${block.ordered ? "ol" : "ul"}>`);
    }
    parts.push(`</article>`);
    return parts.join("\n");
  };
  const body: string[] = [];
  if (model.parallel) {
    // Both texts: English left, French right, one row per article, chapters across both columns.
    body.push(`<table class="parallel"><thead><tr><th lang="en">${LANGUAGE_NAMES.en}</th><th lang="fr">${LANGUAGE_NAMES.fr}</th></tr></thead><tbody>`);
    for (const row of parallelRows(model.chapters, model.parallel)) {
      if (row.kind === "chapter") {
        const titles = (["en", "fr"] as const).filter((lang) => row[lang]).map((lang) => `<span lang="${lang}">${escapeHtml(row[lang]!)}</span>`);
        body.push(`<tr class="chapter"><td colspan="2"><h2 class="chapter">${titles.join(" / ")}</h2></td></tr>`);
      } else {
        body.push(`<tr><td lang="en">${row.en ? articleHtml(row.en, "en") : ""}</td><td lang="fr">${row.fr ? articleHtml(row.fr, "fr") : ""}</td></tr>`);
      }
    }
    body.push(`</tbody></table>`);
  } else for (const chapter of model.chapters) {
    if (chapter.title) body.push(`<h2 class="chapter">${escapeHtml(chapter.title)}</h2>`);
    for (const a of chapter.articles) body.push(articleHtml(a));
  }
  const annex = model.sources.length
    ? `<section class="annex"><h2>${l.sourcesAnnex}</h2><dl>${model.sources
        .map((s) => `<dt><strong>${escapeHtml(s.key)}</strong> — ${s.kind ? l.kinds[s.kind] : l.missing}${s.section ? `, ${escapeHtml(s.section)}` : ""}</dt><dd><p>${escapeHtml(s.text)}</p><p class="meta">${l.citedIn}: ${s.articles.map((n) => `${l.article} ${n}`).join(", ")}</p></dd>`)
        .join("")}</dl></section>`
    : "";
  const comments = model.comments?.length
    ? `<section class="annex"><h2>${l.commentsAnnex}</h2><ul>${model.comments
        .map((c) => `<li><p>${c.article !== null ? `${l.article} ${c.article}: ` : ""}«${escapeHtml(c.quote)}»</p><ul>${c.messages.map((m) => `<li><strong>${escapeHtml(m.author)}</strong>: ${escapeHtml(m.body)}</li>`).join("")}</ul></li>`)
        .join("")}</ul></section>`
    : "";
  const footnotes = notes.length ? `<section class="notes"><ol>${notes.map((n, i) => `<li id="note-${i + 1}">${escapeHtml(n)}</li>`).join("")}</ol></section>` : "";
  return `<!DOCTYPE html>
<html lang="${model.locale}">
<head><meta charset="utf-8"><title>${escapeHtml(model.title)}</title><style>${PRINT_CSS}</style></head>
<body${model.parallel ? ' class="parallel"' : ""}>
<header class="title-page"><h1>${escapeHtml(model.title)}</h1><p class="status">${l.status}</p><p>${l.version}: ${escapeHtml(model.versionName ?? l.currentText)}</p><p>${l.date}: ${formatDate(model.date, model.locale)}</p><p>${l.preparedBy}</p></header>
<main${model.textLang !== model.locale && !model.parallel ? ` lang="${model.textLang}"` : ""}>${body.join("\n")}</main>
${footnotes}
${annex}
${comments}
</body>
</html>
`;
}
