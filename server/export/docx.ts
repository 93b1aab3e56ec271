// Word export with the `docx` library: a title page, numbered articles under chapter headings,
// citations as footnotes quoting the source item, and an annex of the sources cited. With a
// tracked-changes plan (./tracked.ts) the open amendments are drawn as Word revisions (w:del,
// w:ins) by their sponsoring delegations, each with a Word comment naming it, plus an annex of
// those that could not be shown in the text.
import {
  AlignmentType,
  CarriageReturn,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  Footer,
  FootnoteReferenceRun,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ICommentOptions,
  type ParagraphChild,
} from "docx";
import { amendmentExportLabels, exportLabels, fill, formatDate } from "./labels";
import { LANGUAGE_NAMES, parallelRows, type Article, type ExportModel, type Run } from "./model";
import type { TextLang } from "@/lib/editor/languages";
import { articleSegments } from "./amendment-places";
import { segmentId, type SegmentChange, type TrackedAmendment, type TrackedChanges } from "./tracked";

/** Word's revision dates are ISO 8601 without fractions of a second. */
const wordDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Splits runs at the given character offsets (citations stay whole). */
function piecesOf(list: Run[], cuts: number[]): { at: number; run: Run }[] {
  const pieces: { at: number; run: Run }[] = [];
  let offset = 0;
  for (const run of list) {
    if (run.type === "citation") {
      pieces.push({ at: offset, run });
      offset += run.key.length + 2; // "[key]", as plainRuns reads it
      continue;
    }
    const inner = cuts.filter((c) => c > offset && c < offset + run.text.length);
    let from = offset;
    for (const cut of [...inner, offset + run.text.length]) {
      if (cut > from) pieces.push({ at: from, run: { ...run, text: run.text.slice(from - offset, cut - offset) } });
      from = cut;
    }
    offset += run.text.length;
  }
  return pieces;
}

export async function renderDocx(model: ExportModel, tracked?: TrackedChanges): Promise<Buffer> {
  const l = exportLabels(model.locale);
  const la = amendmentExportLabels(model.locale);
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  let nextNote = 1;
  const sourceOf = new Map(model.sources.map((s) => [s.key, s]));

  // Word's proofing language of the text's runs (labels stay in the document's default).
  const proofing = (lang: TextLang) => ({ language: { value: lang === "fr" ? "fr-FR" : "en-GB" } });
  const runs = (list: Run[], lang: TextLang = model.textLang): ParagraphChild[] =>
    list.flatMap((r): ParagraphChild[] => {
      if (r.type === "text") return [new TextRun({ text: r.text, bold: r.bold, italics: r.italic, ...proofing(lang) })];
      const id = nextNote++;
      const source = sourceOf.get(r.key);
      footnotes[id] = { children: [new Paragraph({ children: [new TextRun({ text: `${r.key} — `, bold: true }), new TextRun(source?.text || l.missing)] })] };
      return [new TextRun({ text: `[${r.key}]`, font: "Consolas", size: 18 }), new FootnoteReferenceRun(id)];
    });

  // Revisions and their comments: ids are unique per document, one comment per amendment.
  let nextRevision = 1;
  const revision = (a: TrackedAmendment) => ({ id: nextRevision++, author: a.author, date: wordDate(a.date) });
  const comments: ICommentOptions[] = [];
  const commentIds = new Map<string, number>();
  const sponsorsOf = (a: TrackedAmendment) => (a.cosponsors.length ? `${a.author}; ${la.coSponsors}: ${a.cosponsors.join(", ")}` : a.author);
  const commentId = (a: TrackedAmendment) => {
    let id = commentIds.get(a.number);
    if (id === undefined) {
      id = comments.length;
      commentIds.set(a.number, id);
      comments.push({
        id,
        author: a.author,
        date: a.date,
        children: [
          new Paragraph({ children: [new TextRun({ text: `${a.number} · ${a.op} (${a.type}) — ${sponsorsOf(a)}`, bold: true })] }),
          new Paragraph({ children: [new TextRun(`${la.reasons}: ${a.rationale}`)] }),
        ],
      });
    }
    return id;
  };
  const noteStart = (a: TrackedAmendment) => new CommentRangeStart(commentId(a));
  const noteEnd = (a: TrackedAmendment): ParagraphChild[] => [new CommentRangeEnd(commentId(a)), new TextRun({ children: [new CommentReference(commentId(a))] })];
  // Paragraphs of a proposal inserted inside a paragraph are kept apart by line breaks.
  const inserted = (a: TrackedAmendment, text: string) =>
    new InsertedTextRun({ ...revision(a), children: text.split("\n").flatMap((line, i) => (i ? [new CarriageReturn(), line] : [line])) });

  /** A segment's runs with its changes drawn in: deletions, insertions, comment ranges. */
  const trackedRuns = (list: Run[], changes: SegmentChange[]): ParagraphChild[] => {
    if (!changes.length) return runs(list);
    const cuts = [...new Set(changes.flatMap((c) => [c.start, c.end]))].sort((a, b) => a - b);
    const out: ParagraphChild[] = [];
    const eventsAt = (p: number) => {
      for (const c of changes) if (c.kind !== "ins" && c.end === p && c.start < p && c.closesNote) out.push(...noteEnd(c.amendment));
      for (const c of changes) {
        if (c.kind !== "ins" || c.start !== p) continue;
        if (c.opensNote) out.push(noteStart(c.amendment));
        out.push(inserted(c.amendment, c.text));
        if (c.closesNote) out.push(...noteEnd(c.amendment));
      }
      for (const c of changes) {
        if (c.kind === "ins" || c.start !== p) continue;
        if (c.opensNote) out.push(noteStart(c.amendment));
        if (c.end === p && c.closesNote) out.push(...noteEnd(c.amendment));
      }
    };
    let cut = 0;
    for (const piece of piecesOf(list, cuts)) {
      while (cut < cuts.length && cuts[cut] <= piece.at) eventsAt(cuts[cut++]);
      const del = changes.find((c) => c.kind === "del" && c.start <= piece.at && piece.at < c.end);
      if (!del) out.push(...runs([piece.run]));
      else {
        const text = piece.run.type === "text" ? piece.run.text : `[${piece.run.key}]`;
        const bold = piece.run.type === "text" && piece.run.bold;
        const italics = piece.run.type === "text" && piece.run.italic;
        out.push(new DeletedTextRun({ ...revision(del.amendment), text, bold, italics }));
      }
    }
    while (cut < cuts.length) eventsAt(cuts[cut++]);
    return out;
  };
  /** The paragraph mark goes too when a change deletes the whole paragraph (Word then leaves no empty line). */
  const markOf = (changes: SegmentChange[], length: number) => {
    const whole = changes.find((c) => c.kind === "del" && c.start === 0 && c.end === length && c.removesParagraph);
    return whole ? { run: { deletion: revision(whole.amendment) } } : {};
  };

  const children: (Paragraph | Table)[] = [
    new Paragraph({ spacing: { before: 3000 }, alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: l.status, italics: true, color: "8A1C1C" })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(`${l.version}: ${model.versionName ?? l.currentText}`)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(`${l.date}: ${formatDate(model.date, model.locale)}`)] }),
    ...(tracked ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: la.compilationNote, italics: true })] })] : []),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(l.preparedBy), new PageBreak()] }),
  ];
  /** Inserted paragraphs of whole-article amendments, after the article's body or before the article. */
  const pushAdded = (clauseId: string, before: boolean) => {
    for (const added of tracked?.appended.get(clauseId) ?? []) {
      if (added.before !== before) continue;
      added.paragraphs.forEach((text, i) =>
        children.push(
          new Paragraph({
            run: { insertion: revision(added.amendment) },
            children: [
              ...(i === 0 && added.opensNote ? [noteStart(added.amendment)] : []),
              inserted(added.amendment, text),
              ...(i === added.paragraphs.length - 1 ? noteEnd(added.amendment) : []),
            ],
          }),
        ),
      );
    }
  };
  /** An article as paragraphs (no revisions: a two-column export never tracks changes). */
  const articleParagraphs = (a: Article, lang: TextLang): Paragraph[] => [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: `${l.article} ${a.number}${a.heading ? ` — ${a.heading}` : ""}`, ...proofing(lang) })] }),
    ...a.blocks.flatMap((block) =>
      block.type === "paragraph"
        ? [new Paragraph({ children: runs(block.runs, lang) })]
        : block.items.map((item, i) => new Paragraph({ indent: { left: 560, hanging: 280 }, children: [new TextRun(block.ordered ? `${i + 1}. ` : "• "), ...runs(item, lang)] })),
    ),
  ];
  const half = { size: 50, type: WidthType.PERCENTAGE };
  /** Both texts: English left, French right, one row per article, chapters across both columns. */
  const parallelTable = (french: ExportModel["chapters"]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: [4800, 4800],
      rows: [
        new TableRow({
          tableHeader: true,
          children: (["en", "fr"] as const).map((lang) => new TableCell({ width: half, children: [new Paragraph({ children: [new TextRun({ text: LANGUAGE_NAMES[lang], bold: true })] })] })),
        }),
        ...parallelRows(model.chapters, french).map((row) =>
          row.kind === "chapter"
            ? new TableRow({
                cantSplit: true,
                children: [
                  new TableCell({
                    columnSpan: 2,
                    children: [
                      new Paragraph(""), // a cell needs a paragraph, even for a chapter without titles
                      ...(["en", "fr"] as const).filter((lang) => row[lang]).map((lang) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: row[lang]!, ...proofing(lang) })] })),
                    ].slice(row.en || row.fr ? 1 : 0),
                  }),
                ],
              })
            : new TableRow({
                children: (["en", "fr"] as const).map((lang) => new TableCell({ width: half, children: row[lang] ? articleParagraphs(row[lang]!, lang) : [new Paragraph("")] })),
              }),
        ),
      ],
    });
  if (model.parallel) children.push(parallelTable(model.parallel));
  for (const chapter of model.parallel ? [] : model.chapters) {
    if (chapter.title) children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(chapter.title)] }));
    for (const a of chapter.articles) {
      const changesOf = (key: string) => tracked?.segments.get(segmentId(a.clauseId, key)) ?? [];
      const [heading, ...body] = articleSegments(a);
      const headingChanges = changesOf(heading.key);
      const title = `${l.article} ${a.number}${a.heading ? ` — ${a.heading}` : ""}`;
      const headingMark = markOf(headingChanges, heading.text.length);
      const headingRuns = !headingChanges.length
        ? [new TextRun(title)]
        : [
            // The article's number goes with its heading when the whole article is deleted.
            headingMark.run
              ? new DeletedTextRun({ ...headingMark.run.deletion, id: nextRevision++, text: `${l.article} ${a.number}${a.heading ? " — " : ""}` })
              : new TextRun(`${l.article} ${a.number}${a.heading ? " — " : ""}`),
            ...trackedRuns(heading.runs, headingChanges),
          ];
      pushAdded(a.clauseId, true);
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, ...headingMark, children: headingRuns }));
      for (const segment of body) {
        const changes = changesOf(segment.key);
        const [b, item] = segment.key.split(".").map(Number);
        const block = a.blocks[b];
        const bullet = block.type === "list" ? [new TextRun(block.ordered ? `${item + 1}. ` : "• ")] : [];
        children.push(
          new Paragraph({
            ...(block.type === "list" ? { indent: { left: 560, hanging: 280 } } : {}),
            ...markOf(changes, segment.text.length),
            children: [...bullet, ...trackedRuns(segment.runs, changes)],
          }),
        );
      }
      pushAdded(a.clauseId, false);
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
  if (tracked?.unplaced.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(la.unplacedAnnex)] }));
    children.push(new Paragraph({ children: [new TextRun({ text: la.unplacedIntro, italics: true })] }));
    for (const { amendment: a, article, alternativeTo } of tracked.unplaced) {
      const where = article === null ? la.articleGone : fill(la.articleRef, { article });
      children.push(
        new Paragraph({ spacing: { before: 200 }, children: [new TextRun({ text: `${a.number} · ${a.op} (${a.type}) — ${sponsorsOf(a)} — ${where}`, bold: true })] }),
        new Paragraph({ children: [new TextRun({ text: alternativeTo ? fill(la.alternativeTo, { other: alternativeTo }) : la.passageGone, italics: true })] }),
        new Paragraph({ children: [new TextRun(`${la.passage}: ${a.quote ? `«${a.quote}»` : la.wholeArticle}`)] }),
        ...a.proposed.map((text, i) => new Paragraph({ children: [new TextRun(i === 0 ? `${la.proposedText}: ${text}` : text)] })),
        new Paragraph({ children: [new TextRun(`${la.reasons}: ${a.rationale}`)] }),
      );
    }
  }
  const doc = new Document({
    title: model.title,
    creator: l.preparedBy,
    footnotes,
    ...(tracked ? { comments: { children: comments }, features: { trackRevisions: true } } : {}),
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
