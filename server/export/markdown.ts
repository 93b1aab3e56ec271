import { exportLabels, formatDate } from "./labels";
import { LANGUAGE_NAMES, parallelRows, type Article, type ExportModel, type Run } from "./model";

const escapeMd = (s: string) => s.replace(/([\\`*_[\]#<>|])/g, "\\$1");
/** Footnote labels are Markdown syntax: a key that is not plain letters and digits is reduced to them. */
const footnoteLabel = (key: string) => `[^${key.replace(/[^A-Za-z0-9_.-]+/g, "-")}]`;

function runsMd(runs: Run[], footnote: (key: string) => string): string {
  return runs
    .map((r) => {
      if (r.type === "citation") return `[${escapeMd(r.key)}]${footnote(r.key)}`;
      let t = escapeMd(r.text);
      if (r.bold && t.trim()) t = `**${t}**`;
      if (r.italic && t.trim()) t = `*${t}*`;
      return t;
    })
    .join("");
}

/** An article's body: paragraphs and lists, each followed by a blank line. */
function bodyMd(a: Article, out: string[]): void {
  for (const block of a.blocks) {
    if (block.type === "paragraph") out.push(runsMd(block.runs, footnoteLabel), "");
    else {
      block.items.forEach((item, i) => out.push(`${block.ordered ? `${i + 1}.` : "-"} ${runsMd(item, footnoteLabel)}`));
      out.push("");
    }
  }
}

/**
 * Both texts: each article once, numbered, then its English text and its French text under
 * headings naming the language (a reader compares them article by article; Markdown has no
 * columns). A chapter heading gives both titles.
 */
function parallelMd(model: ExportModel, out: string[]): void {
  const l = exportLabels(model.locale);
  for (const row of parallelRows(model.chapters, model.parallel ?? [])) {
    if (row.kind === "chapter") {
      const titles = [row.en, row.fr].filter((t): t is string => !!t).map(escapeMd);
      if (titles.length) out.push(`## ${titles.join(" / ")}`, "");
      continue;
    }
    out.push(`### ${l.article} ${(row.en ?? row.fr)!.number}`, "");
    for (const [lang, a] of [["en", row.en], ["fr", row.fr]] as const) {
      out.push(`#### ${LANGUAGE_NAMES[lang]}${a?.heading ? ` — ${escapeMd(a.heading)}` : ""}`, "");
      if (a) bodyMd(a, out);
    }
  }
}

export function renderMarkdown(model: ExportModel): string {
  const l = exportLabels(model.locale);
  const out: string[] = [];
  const footnoteId = footnoteLabel;
  out.push(`# ${escapeMd(model.title)}`, "");
  out.push(`*${l.status}*  `, `${l.version}: ${escapeMd(model.versionName ?? l.currentText)}  `, `${l.date}: ${formatDate(model.date, model.locale)}`, "");
  if (model.parallel) parallelMd(model, out);
  else {
    for (const chapter of model.chapters) {
      if (chapter.title) out.push(`## ${escapeMd(chapter.title)}`, "");
      for (const a of chapter.articles) {
        out.push(`### ${l.article} ${a.number}${a.heading ? ` — ${escapeMd(a.heading)}` : ""}`, "");
        bodyMd(a, out);
      }
    }
  }
  if (model.sources.length) {
    out.push(`## ${l.sourcesAnnex}`, "");
    for (const s of model.sources) {
      const kind = s.kind ? l.kinds[s.kind] : l.missing;
      out.push(`- **${escapeMd(s.key)}** (${kind}${s.section ? `, ${escapeMd(s.section)}` : ""}) — ${l.citedIn}: ${s.articles.map((n) => `${l.article} ${n}`).join(", ")}`);
      if (s.text) out.push(`  > ${escapeMd(s.text).replace(/\n+/g, " ")}`);
    }
    out.push("");
  }
  if (model.comments?.length) {
    out.push(`## ${l.commentsAnnex}`, "");
    for (const c of model.comments) {
      out.push(`- ${c.article !== null ? `${l.article} ${c.article}: ` : ""}«${escapeMd(c.quote)}»`);
      for (const m of c.messages) out.push(`  - ${escapeMd(m.author)}: ${escapeMd(m.body).replace(/\n+/g, " ")}`);
    }
    out.push("");
  }
  for (const s of model.sources) out.push(`${footnoteId(s.key)}: ${escapeMd(s.key)} — ${escapeMd(s.text || l.missing).replace(/\n+/g, " ")}`);
  return out.join("\n").trimEnd() + "\n";
}
