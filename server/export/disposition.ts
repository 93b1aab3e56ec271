// The disposition table (ISO "disposition of comments" practice, ../shared/AMENDMENTS.md): one row
// per submitted amendment with fixed columns, as Word (landscape, header row repeated on every
// page) and as CSV for spreadsheets.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { AmendmentOp } from "@/lib/contracts/amendments";
import { amendmentExportLabels, exportLabels, fill, formatDate } from "./labels";
import type { AmendmentPlace } from "./amendment-places";
import type { TextLang } from "@/lib/editor/languages";
import { LANGUAGE_NAMES } from "./model";

export interface DispositionAmendment {
  number: string;
  op: AmendmentOp;
  type: string;
  status: string;
  /** The language of the text it amends. */
  lang: TextLang;
  sponsorDelegation: string;
  cosponsors: string[];
  quote: string;
  proposed: string[];
  rationale: string;
  observation: string | null;
  reading: string | null;
  place: AmendmentPlace;
}

export interface DispositionModel {
  title: string;
  date: Date;
  locale: "en" | "fr";
  amendments: DispositionAmendment[];
}

const COLUMNS = ["number", "delegations", "article", "type", "op", "proposed", "justification", "decision", "observation", "reading"] as const;
type Column = (typeof COLUMNS)[number];

/** The table's cells as text, in the reader's language. */
export function dispositionRows(model: DispositionModel): { header: string[]; rows: string[][] } {
  const l = amendmentExportLabels(model.locale);
  const articleOf = (place: AmendmentPlace) => {
    if (place.kind === "gone") return place.article === null ? l.articleGone : fill(l.articleRef, { article: place.article });
    if (place.kind === "article") return fill(l.articleRef, { article: place.article });
    // The paragraphs the passage runs over ("1–2" across two); the heading when it is all there is.
    const paras = [...new Set(place.parts.flatMap((p) => (p.para === null ? [] : [p.para])))];
    if (!paras.length) return fill(l.articleHeadingRef, { article: place.article });
    const para = paras.length === 1 ? String(paras[0]) : `${paras[0]}–${paras[paras.length - 1]}`;
    return fill(l.articleParaRef, { article: place.article, para });
  };
  const changeOf = (a: DispositionAmendment) => {
    const key = a.quote ? a.op : (`${a.op}Article` as const);
    return fill(l.change[key], { quote: a.quote, text: a.proposed.join("\n") });
  };
  // A table of amendments to both texts says which text each one amends.
  const mixed = new Set(model.amendments.map((a) => a.lang)).size > 1;
  const rows = model.amendments.map((a) => {
    const cells: Record<Column, string> = {
      number: a.number,
      delegations: [a.sponsorDelegation, ...a.cosponsors].join(", "),
      article: mixed ? `${articleOf(a.place)} (${LANGUAGE_NAMES[a.lang]})` : articleOf(a.place),
      type: a.type,
      op: a.op,
      proposed: changeOf(a),
      justification: a.rationale,
      decision: l.status[a.status as keyof typeof l.status] ?? a.status,
      observation: a.observation ?? "",
      reading: a.reading ?? "",
    };
    return COLUMNS.map((c) => cells[c]);
  });
  return { header: COLUMNS.map((c) => l.columns[c]), rows };
}

/**
 * A spreadsheet program runs a cell that starts with = + - @ (or a tab or carriage return, which
 * some programs skip first) as a formula: such a cell gets a leading apostrophe.
 */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${guarded.replace(/"/g, '""')}"`;
}

/** RFC 4180: every field quoted, CRLF between records, UTF-8 with a BOM (Excel reads accents right). */
export function renderDispositionCsv(model: DispositionModel): Buffer {
  const { header, rows } = dispositionRows(model);
  const text = [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}

/** Relative widths of the columns (the proposed change and the reasons need room). */
const WIDTHS: Record<Column, number> = { number: 6, delegations: 10, article: 7, type: 4, op: 4, proposed: 22, justification: 17, decision: 8, observation: 14, reading: 8 };

export async function renderDispositionDocx(model: DispositionModel): Promise<Buffer> {
  const l = amendmentExportLabels(model.locale);
  const le = exportLabels(model.locale);
  const { header, rows } = dispositionRows(model);
  const cell = (text: string, bold = false) =>
    new TableCell({
      width: { size: 0, type: WidthType.AUTO },
      children: text.split("\n").map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 18 })] })),
    });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: COLUMNS.map((c) => WIDTHS[c] * 140),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text) => cell(text)) })),
    ],
  });
  const doc = new Document({
    title: `${l.tableTitle} — ${model.title}`,
    creator: le.preparedBy,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 720, bottom: 720, left: 720, right: 720 } } },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`${l.tableTitle} — ${model.title}`)] }),
          new Paragraph({ children: [new TextRun({ text: le.status, italics: true, color: "8A1C1C" })] }),
          new Paragraph({ children: [new TextRun(`${le.date}: ${formatDate(model.date, model.locale)}`)] }),
          new Paragraph({ alignment: AlignmentType.LEFT, spacing: { after: 200 }, children: [new TextRun({ text: l.typeLegend, size: 18 })] }),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
