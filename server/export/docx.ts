// Word export with the `docx` library: a title page, numbered articles under chapter headings,
// citations as footnotes quoting the source item, and an annex of the sources cited.
import { AlignmentType, Document, Footer, FootnoteReferenceRun, HeadingLevel, Packer, PageBreak, PageNumber, Paragraph, TextRun, type ParagraphChild } from "docx";
import { exportLabels, formatDate } from "./labels";
import type { ExportModel, Run } from "./model";

export async function renderDocx(model: ExportModel): Promise<Buffer> {
  const l = exportLabels(model.locale);
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  let nextNote = 1;
  const sourceOf = new Map(model.sources.map((s) => [s.key, s]));

  const runs = (list: Run[]): ParagraphChild[] =>
    list.flatMap((r): ParagraphChild[] => {
      if (r.type === "text") return [new TextRun({ text: r.text, bold: r.bold, italics: r.italic })];
      const id = nextNote++;
      const source = sourceOf.get(r.key);
      footnotes[id] = { children: [new Paragraph({ children: [new TextRun({ text: `${r.key} — `, bold: true }), new TextRun(source?.text || l.missing)] })] };
      return [new TextRun({ text: `[${r.key}]`, font: "Consolas", size: 18 }), new FootnoteReferenceRun(id)];
    });

  const children: Paragraph[] = [
    new Paragraph({ spacing: { before: 3000 }, alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: l.status, italics: true, color: "8A1C1C" })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(`${l.version}: ${model.versionName ?? l.currentText}`)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(`${l.date}: ${formatDate(model.date, model.locale)}`)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(l.preparedBy), new PageBreak()] }),
  ];
  for (const chapter of model.chapters) {
    if (chapter.title) children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(chapter.title)] }));
    for (const a of chapter.articles) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${l.article} ${a.number}${a.heading ? ` — ${a.heading}` : ""}`)] }));
      for (const block of a.blocks) {
        if (block.type === "paragraph") children.push(new Paragraph({ children: runs(block.runs) }));
        else
          block.items.forEach((item, i) =>
            children.push(new Paragraph({ indent: { left: 560, hanging: 280 }, children: [new TextRun(block.ordered ? `${i + 1}. ` : "• "), ...runs(item)] })),
          );
      }
    }
  }
  if (model.sources.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(l.sourcesAnnex)] }));
    for (const s of model.sources) {
      children.push(
        new Paragraph({ spacing: { before: 200 }, children: [new TextRun({ text: s.key, bold: true }), new TextRun(` — ${s.kind ? l.kinds[s.kind] : l.missing}${s.section ? `, ${s.section}` : ""}`)] }),
        new Paragraph({ children: [new TextRun(s.text)] }),
        new Paragraph({ children: [new TextRun({ text: `${l.citedIn}: ${s.articles.map((n) => `${l.article} ${n}`).join(", ")}`, italics: true })] }),
      );
    }
  }
  if (model.comments?.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(l.commentsAnnex)] }));
    for (const c of model.comments) {
      children.push(new Paragraph({ spacing: { before: 200 }, children: [new TextRun({ text: `${c.article !== null ? `${l.article} ${c.article}: ` : ""}«${c.quote}»`, italics: true })] }));
      for (const m of c.messages) children.push(new Paragraph({ indent: { left: 400 }, children: [new TextRun({ text: `${m.author}: `, bold: true }), new TextRun(m.body)] }));
    }
  }
  const doc = new Document({
    title: model.title,
    creator: l.preparedBy,
    footnotes,
    sections: [
      {
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [`${l.page} `, PageNumber.CURRENT, ` ${l.of} `, PageNumber.TOTAL_PAGES] })] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
