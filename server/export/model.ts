// What every export format renders: the Charter as chapters of numbered articles, each a list
// of blocks of formatted runs with citations, plus the sources cited and (optionally) the open
// comments. Built from ProseMirror JSON (structure through the one clause walker,
// lib/editor/clauses.ts), so bold, italic and lists survive. The text is English, French, or both
// side by side (`parallel`); French text gets French typography here, once, for every format.
import type { SourceKind } from "@/lib/sources";
import type { TextLang } from "@/lib/editor/languages";
import { frenchTypography, frenchTypographyRuns } from "@/lib/typography";
import { NODE } from "@/lib/editor/schema";
import { pmJsonView, walkStructure, type PMJson } from "@/lib/editor/clauses";
import { xmlSafe } from "@/lib/text";

export type Run = { type: "text"; text: string; bold: boolean; italic: boolean } | { type: "citation"; key: string; sourceItemId: string };
export type Block = { type: "paragraph"; runs: Run[] } | { type: "list"; ordered: boolean; items: Run[][] };

export interface Article {
  clauseId: string;
  number: number;
  heading: string;
  blocks: Block[];
}

export interface Chapter {
  title: string | null;
  articles: Article[];
}

export interface CitedSource {
  sourceItemId: string;
  key: string;
  kind: SourceKind | null;
  section: string | null;
  text: string;
  /** Article numbers citing it, in order. */
  articles: number[];
  missing: boolean;
}

export interface ExportComment {
  article: number | null;
  quote: string;
  messages: { author: string; body: string }[];
}

/** Which text an export holds: one language, or both side by side. */
export const TEXT_CHOICES = ["en", "fr", "both"] as const;
export type TextChoice = (typeof TEXT_CHOICES)[number];

/** Each language by its own name, as a bilingual document heads its columns. */
export const LANGUAGE_NAMES: Record<TextLang, string> = { en: "English", fr: "Français" };

export interface ExportModel {
  title: string;
  versionName: string | null;
  date: Date;
  /** The language of the labels (the reader's UI language), not of the text. */
  locale: "en" | "fr";
  /** The language of `chapters` (English when both texts are exported). */
  textLang: TextLang;
  chapters: Chapter[];
  /** Both texts: the French chapters beside the English ones (paired by parallelRows). */
  parallel: Chapter[] | null;
  sources: CitedSource[];
  comments: ExportComment[] | null;
}

type PMNode = PMJson;

function runsOf(node: PMNode): Run[] {
  const runs: Run[] = [];
  for (const child of node.content ?? []) {
    if (child.type === "text") {
      const marks = (child.marks ?? []).map((m) => m.type);
      runs.push({ type: "text", text: child.text ?? "", bold: marks.includes("bold"), italic: marks.includes("italic") });
    } else if (child.type === NODE.citation) {
      runs.push({ type: "citation", key: String(child.attrs?.key ?? ""), sourceItemId: String(child.attrs?.sourceItemId ?? "") });
    } else if (child.type === "hardBreak") runs.push({ type: "text", text: "\n", bold: false, italic: false });
  }
  return runs;
}

function blocksOf(nodes: PMNode[]): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    if (node.type === NODE.paragraph) blocks.push({ type: "paragraph", runs: runsOf(node) });
    else if (node.type === "bulletList" || node.type === "orderedList") {
      const items = (node.content ?? []).map((item) => (item.content ?? []).flatMap((p) => (p.type === NODE.paragraph ? runsOf(p) : [])));
      blocks.push({ type: "list", ordered: node.type === "orderedList", items });
    }
  }
  return blocks;
}

export const plainRuns = (runs: Run[]) => runs.map((r) => (r.type === "text" ? r.text : `[${r.key}]`)).join("");

/** Chapters and numbered articles from the document JSON of a version or the live text. */
export function chaptersFromDoc(doc: PMNode): Chapter[] {
  const chapters: Chapter[] = [{ title: null, articles: [] }];
  for (const entry of walkStructure(doc, pmJsonView)) {
    if (entry.kind === "chapter") chapters.push({ title: entry.title, articles: [] });
    else chapters[chapters.length - 1].articles.push({ clauseId: entry.clauseId, number: entry.number, heading: entry.heading, blocks: blocksOf(entry.body) });
  }
  return chapters.filter((c, i) => i > 0 || c.articles.length > 0);
}

/** A text typeset for its language: French gets its narrow no-break spaces (lib/typography.ts). */
export function typeset(chapters: Chapter[], lang: TextLang): Chapter[] {
  if (lang !== "fr") return chapters;
  const runs = (list: Run[]): Run[] => {
    const texts = frenchTypographyRuns(list.flatMap((r) => (r.type === "text" ? [r.text] : [])));
    let i = 0;
    return list.map((r) => (r.type === "text" ? { ...r, text: texts[i++] } : r));
  };
  return chapters.map((chapter) => ({
    title: chapter.title === null ? null : frenchTypography(chapter.title),
    articles: chapter.articles.map((a) => ({
      ...a,
      heading: frenchTypography(a.heading),
      blocks: a.blocks.map((b): Block => (b.type === "paragraph" ? { ...b, runs: runs(b.runs) } : { ...b, items: b.items.map(runs) })),
    })),
  }));
}

/** One row of a two-column export: a chapter's titles, or an article in each language. */
export type ParallelRow =
  | { kind: "chapter"; en: string | null; fr: string | null }
  | { kind: "article"; en: Article | null; fr: Article | null };

/**
 * The two texts row by row. The collaboration server keeps one structure for both (same
 * clauseIds, same chapters in the same order), so articles pair by clauseId and chapters by
 * position; an article only one text has (a state the server is still aligning) gets its own row.
 */
export function parallelRows(en: Chapter[], fr: Chapter[]): ParallelRow[] {
  const frArticles = new Map(fr.flatMap((c) => c.articles).map((a) => [a.clauseId, a]));
  const frTitles = fr.filter((c) => c.title !== null).map((c) => c.title);
  const rows: ParallelRow[] = [];
  let chapterIndex = 0;
  for (const chapter of en) {
    if (chapter.title !== null) rows.push({ kind: "chapter", en: chapter.title, fr: frTitles[chapterIndex++] ?? null });
    for (const a of chapter.articles) {
      rows.push({ kind: "article", en: a, fr: frArticles.get(a.clauseId) ?? null });
      frArticles.delete(a.clauseId);
    }
  }
  for (const a of frArticles.values()) rows.push({ kind: "article", en: null, fr: a });
  return rows;
}

/** Every citation of the text, in order of first appearance, with the articles citing it. */
export function citedSources(chapters: Chapter[], lookup: (id: string) => { key: string; kind: SourceKind; section: string | null; text: string } | undefined): CitedSource[] {
  const byId = new Map<string, CitedSource>();
  for (const article of chapters.flatMap((c) => c.articles)) {
    const runs = article.blocks.flatMap((b) => (b.type === "paragraph" ? b.runs : b.items.flat()));
    for (const run of runs) {
      if (run.type !== "citation") continue;
      let entry = byId.get(run.sourceItemId);
      if (!entry) {
        const item = lookup(run.sourceItemId);
        entry = { sourceItemId: run.sourceItemId, key: item?.key ?? run.key, kind: item?.kind ?? null, section: item?.section ?? null, text: item?.text ?? "", articles: [], missing: !item };
        byId.set(run.sourceItemId, entry);
      }
      if (!entry.articles.includes(article.number)) entry.articles.push(article.number);
    }
  }
  return [...byId.values()];
}

/**
 * Every string of the model without the characters XML cannot hold (NUL, VT, ESC…, lone
 * surrogates): the live text and older rows may contain them, and one of them makes an Akoma
 * Ntoso file ill-formed and a DOCX unopenable. Applied once, so every format gets it.
 */
export function xmlSafeModel<T>(value: T): T {
  if (typeof value === "string") return xmlSafe(value) as T;
  if (Array.isArray(value)) return value.map(xmlSafeModel) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafeModel(v)])) as T;
  }
  return value;
}
