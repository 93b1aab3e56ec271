// Reading and building the Charter's Y.Doc without ProseMirror: the collaboration server indexes
// with this (through the one clause walker, ./clauses.ts), the seed and new drafts build their
// first content with it. Node names come from the schema, so there is one schema, never two.
import * as Y from "yjs";
import { NODE } from "./schema";
import { fragmentOf, type TextLang } from "./languages";
import { alignLanguages } from "./align-languages";
import { newClauseId } from "./ids";
import { plainText, walkStructure, yXmlView, type CitationRef } from "./clauses";

export type { CitationRef };

export interface ClauseSnapshot {
  clauseId: string;
  /** 1-based article number in display order. */
  number: number;
  /** Index among the top-level nodes (chapters included). */
  position: number;
  chapter: string | null;
  heading: string;
  text: string;
  citations: CitationRef[];
}

/** The clauses of one language's text as stored in the Y.Doc, in display order (the clause index). */
export function readClauses(doc: Y.Doc, lang: TextLang = "en"): ClauseSnapshot[] {
  const clauses: ClauseSnapshot[] = [];
  let chapter: string | null = null;
  for (const entry of walkStructure(fragmentOf(doc, lang), yXmlView)) {
    if (entry.kind === "chapter") {
      chapter = plainText(yXmlView, entry.node).trim() || null;
      continue;
    }
    const citations: CitationRef[] = []; // heading first, then the body, in document order
    const heading = entry.headingNode ? plainText(yXmlView, entry.headingNode, citations).trim() : "";
    const text = entry.body.map((block) => plainText(yXmlView, block, citations)).join("\n").trim();
    clauses.push({ clauseId: entry.clauseId, number: entry.number, position: entry.position, chapter, heading, text, citations });
  }
  return clauses;
}

export type InlineSpec = string | { cite: CitationRef };
export type BlockSpec = { chapter: string; chapterId?: string } | { clauseId?: string; heading?: string; paragraphs: InlineSpec[][] };

function paragraphElement(inlines: InlineSpec[]): Y.XmlElement {
  const p = new Y.XmlElement(NODE.paragraph);
  const children: (Y.XmlText | Y.XmlElement)[] = [];
  let run = ""; // consecutive strings become one text node (prelim texts cannot be appended to)
  const flushRun = () => {
    if (run) children.push(new Y.XmlText(run));
    run = "";
  };
  for (const inline of inlines) {
    if (typeof inline === "string") {
      run += inline;
      continue;
    }
    flushRun();
    const cite = new Y.XmlElement(NODE.citation);
    cite.setAttribute("sourceItemId", inline.cite.sourceItemId);
    cite.setAttribute("key", inline.cite.key);
    children.push(cite);
  }
  flushRun();
  p.insert(0, children);
  return p;
}

/**
 * Appends chapters and clauses to one language's text in one transaction. The other language
 * gets nothing: call alignLanguages (or build through initialDraftState) to give it the structure.
 */
export function appendBlocks(doc: Y.Doc, blocks: BlockSpec[], origin: unknown = null, lang: TextLang = "en"): void {
  const fragment = fragmentOf(doc, lang);
  doc.transact(() => {
    const elements = blocks.map((block) => {
      if ("chapter" in block) {
        const el = new Y.XmlElement(NODE.chapter);
        el.setAttribute("chapterId", block.chapterId ?? newClauseId());
        el.insert(0, [new Y.XmlText(block.chapter)]);
        return el;
      }
      const clause = new Y.XmlElement(NODE.clause);
      clause.setAttribute("clauseId", block.clauseId ?? newClauseId());
      const heading = new Y.XmlElement(NODE.clauseHeading);
      if (block.heading) heading.insert(0, [new Y.XmlText(block.heading)]);
      const paragraphs = block.paragraphs.length ? block.paragraphs : [[]];
      clause.insert(0, [heading, ...paragraphs.map(paragraphElement)]);
      return clause;
    });
    fragment.insert(fragment.length, elements);
  }, origin);
}

/**
 * A new draft's first state: one empty article, so the editor never opens on nothing; the French
 * text has the same articles, empty, waiting for translation.
 */
export function initialDraftState(blocks: BlockSpec[] = [{ heading: "", paragraphs: [[]] }]): Uint8Array {
  const doc = new Y.Doc();
  appendBlocks(doc, blocks);
  alignLanguages(doc);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
