// Turns the text of a Rabat Process outcome document (plain text extracted from the PDF, or
// Markdown) into source items. Pure: no I/O, so the preview and the import share it.
import { actorsInPhrase, actorsMentioned } from "./gazetteer";
import { SOURCE_KINDS, type SourceItemFields, type SourceKind } from "@/lib/sources";

export type ParsedItem = SourceItemFields;

export interface ParsedDocument {
  items: ParsedItem[];
  counts: Record<SourceKind, number>;
}

export interface ParseOptions {
  /** Prefix of the stable keys, e.g. "MKH23" gives MKH23-REC-07. */
  keyPrefix: string;
  /**
   * Starts of the titles of boxed case studies. The PDF showed them in boxes; the extracted
   * text lost the boxes, so the shipped document names them. Uploads can use "> " quotes instead.
   */
  boxTitles?: string[];
}

export class OutcomeParseError extends Error {
  constructor(
    public readonly code: "empty" | "binary" | "no_items" | "too_large" | "bad_prefix",
    message: string,
  ) {
    super(message);
  }
}

export const MAX_DOCUMENT_CHARS = 2_000_000;

const KEY_CODES: Record<SourceKind, string> = {
  challenge: "CHL",
  good_practice: "GP",
  recommendation: "REC",
  conclusion: "CON",
};

type UnitType = "heading" | "leadin" | "paragraph" | "bullet" | "quote";
interface Unit {
  type: UnitType;
  raw: string; // with Markdown emphasis, used to find bold names
  headingLevel?: number;
  afterBlank: boolean;
}

export function parseOutcomeDocument(input: string, options: ParseOptions): ParsedDocument {
  if (!/^[A-Z0-9]{2,10}$/.test(options.keyPrefix)) {
    throw new OutcomeParseError("bad_prefix", "The key prefix must be 2 to 10 capital letters or digits, e.g. MKH23.");
  }
  if (input.length > MAX_DOCUMENT_CHARS) {
    throw new OutcomeParseError("too_large", "The document is larger than 2 million characters.");
  }
  // Control characters other than tab and newlines mean a binary file (PDF, DOCX, image).
  // eslint-disable-next-line no-control-regex
  if (input.includes("\u0000") || /[\u0001-\u0008\u000e-\u001f]/.test(input.slice(0, 4096))) {
    throw new OutcomeParseError("binary", "This file is not text. Upload the outcome document as Markdown or plain text.");
  }
  const text = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (text.trim() === "") throw new OutcomeParseError("empty", "The file is empty.");

  const units = joinPageBreaks(toUnits(text));
  const items = extractItems(units, options);
  if (items.length === 0) {
    throw new OutcomeParseError(
      "no_items",
      "No challenges, good practices, recommendations or conclusions were found. Items are read from bullet lists introduced by a line such as “several recommendations were made:”.",
    );
  }
  const counts = Object.fromEntries(SOURCE_KINDS.map((k) => [k, items.filter((i) => i.kind === k).length])) as Record<
    SourceKind,
    number
  >;
  return { items, counts };
}

const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+/;
const TERMINAL = /[.;!?"”’)]$/;

/** Splits text into headings, lead-ins (ending with ':'), paragraphs, bullets and quoted boxes. */
function toUnits(text: string): Unit[] {
  const units: Unit[] = [];
  let afterBlank = true;
  let current: Unit | null = null;
  const flush = () => {
    if (current) {
      // A quoted box keeps its lines (title, then text); other units are one run of text.
      const lines = current.type === "quote" ? current.raw.split("\n") : [current.raw];
      current.raw = lines.map((l) => l.replace(/\s+/g, " ").trim()).filter(Boolean).join("\n");
      if (current.raw) units.push(classify(current));
    }
    current = null;
  };
  for (const line of text.split("\n")) {
    if (line.trim() === "") {
      flush();
      afterBlank = true;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      units.push({ type: "heading", raw: heading[2].trim(), headingLevel: heading[1].length, afterBlank });
    } else if (/^\s*>\s?/.test(line)) {
      const body = line.replace(/^\s*>\s?/, "");
      if (current?.type === "quote") current.raw += "\n" + body;
      else {
        flush();
        current = { type: "quote", raw: body, afterBlank };
      }
    } else if (BULLET.test(line)) {
      flush();
      current = { type: "bullet", raw: line.replace(/^\s*[-*•]\s+/, "").replace(/^\d+[.)]\s+/, ""), afterBlank };
    } else if (current) {
      current.raw += " " + line.trim();
    } else {
      current = { type: "paragraph", raw: line.trim(), afterBlank };
    }
    afterBlank = false;
  }
  flush();
  return units;
}

function classify(unit: Unit): Unit {
  if (unit.type !== "paragraph") return unit;
  const plain = plainText(unit.raw);
  if (plain.endsWith(":")) return { ...unit, type: "leadin" };
  if (!TERMINAL.test(plain) && plain.length <= 200) return { ...unit, type: "heading", headingLevel: 0 };
  return unit;
}

/**
 * The PDF's page ends left blank lines inside sentences: a unit that does not end a sentence,
 * followed after a blank line by a paragraph starting in lower case, continues in it.
 */
function joinPageBreaks(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (const unit of units) {
    const prev = out[out.length - 1];
    const startsLower = /^[a-zà-ÿ]/.test(plainText(unit.raw));
    const continues =
      prev &&
      unit.afterBlank &&
      startsLower &&
      (unit.type === "paragraph" || unit.type === "heading" || unit.type === "leadin") &&
      (prev.type === "paragraph" || prev.type === "bullet" || prev.type === "heading") &&
      !TERMINAL.test(plainText(prev.raw)) &&
      !plainText(prev.raw).endsWith(":");
    if (continues) {
      const joined = prev.raw + " " + unit.raw;
      const merged = prev.type === "bullet" ? { ...prev, raw: joined } : classify({ ...prev, type: "paragraph", raw: joined });
      out[out.length - 1] = merged;
    } else out.push(unit);
  }
  return out;
}

/** Removes Markdown emphasis and link syntax: the stored text is what a reader sees. */
export function plainText(raw: string): string {
  return raw
    // [text](address), where the address may hold balanced parentheses (Wikipedia, EUR-Lex)
    .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)/g, "$1")
    .replace(/\*\*([^*]*)\*\*/g, "$1")
    .replace(/\*([^*\s][^*]*)\*/g, "$1")
    .replace(/\*\*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A quoted block is a boxed case study when it looks like one: a short title line that does not
 * end a sentence, followed by the case's text. Any other quotation ("> We must act, said…") is
 * just a quotation.
 */
function isQuotedBox(unit: Unit): boolean {
  const [title, ...body] = unit.raw.split("\n").map((l) => l.trim()).filter(Boolean);
  if (!title || body.length === 0) return false;
  const plain = plainText(title).replace(/:$/, "");
  return plain.length > 0 && plain.length <= 200 && !TERMINAL.test(plain);
}

function boldPhrases(raw: string): string[] {
  return [...raw.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1].replace(/[:.,;]+$/, "").trim());
}

function boldActors(raw: string): string[] {
  const names: string[] = [];
  for (const phrase of boldPhrases(raw)) for (const n of actorsInPhrase(phrase)) if (!names.includes(n)) names.push(n);
  return names;
}

/** The kind a lead-in announces: the last kind word it names ("despite these challenges, … good practices:"). */
function announcedKind(leadin: string): SourceKind | null {
  const patterns: [SourceKind, RegExp][] = [
    ["challenge", /challenges?\b/gi],
    ["good_practice", /good practices?\b/gi],
    ["recommendation", /recommendations?\b/gi],
    ["conclusion", /conclusions?\b/gi],
  ];
  let best: SourceKind | null = null;
  let bestIndex = -1;
  for (const [kind, re] of patterns) {
    for (const m of leadin.matchAll(re)) {
      if (m.index! > bestIndex) {
        bestIndex = m.index!;
        best = kind;
      }
    }
  }
  return best;
}

/** A paragraph that names a challenge in bold ("a **common challenge** is …") is a challenge item. */
function namesChallengeInBold(raw: string): boolean {
  return boldPhrases(raw).some((p) => /challenge/i.test(p) && !/recommendation|practice|conclusion/i.test(p));
}

function extractItems(units: Unit[], options: ParseOptions): ParsedItem[] {
  const boxTitles = (options.boxTitles ?? []).map((t) => t.toLowerCase());
  const isHintedBox = (u: Unit) => boxTitles.some((t) => plainText(u.raw).toLowerCase().startsWith(t));
  const items: Omit<ParsedItem, "key" | "order">[] = [];
  let section: string | null = null;
  let subsection: string | null = null;
  let panel: number | null = null;
  let listKind: SourceKind | null = null;
  let listHasItems = false;

  const push = (kind: SourceKind, raw: string, extra: Partial<ParsedItem> = {}) => {
    items.push({ kind, section, subsection, panel, title: null, actors: boldActors(raw), text: plainText(raw), ...extra });
    listHasItems = true;
  };

  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    const plain = plainText(unit.raw);
    const mentioned = mentionedPanel(plain);
    if (mentioned !== null) panel = mentioned;

    // A quotation that is not shaped like a box (a title line, then its text) is no item.
    if (unit.type === "quote" && !isQuotedBox(unit)) continue;

    // Boxed case studies: a quoted box, a hinted title, or a title right after a good-practice lead-in.
    const titleAfterGoodPracticeLeadin: boolean = unit.type === "heading" && listKind === "good_practice" && !listHasItems;
    if (unit.type === "quote" || isHintedBox(unit) || titleAfterGoodPracticeLeadin) {
      // A title right after "good practices:" is one entry of that list; other boxes stand alone.
      const enclosingList: SourceKind | null = titleAfterGoodPracticeLeadin ? listKind : null;
      const body: string[] = [];
      let title = plain.replace(/:$/, "");
      if (unit.type === "quote") {
        const [first, ...rest] = unit.raw.split("\n").map((l) => l.trim()).filter(Boolean);
        title = plainText(first ?? "").replace(/:$/, "");
        body.push(...rest.map((l) => l.replace(/^[-*•]\s+/, "")));
      }
      while (i + 1 < units.length) {
        const next = units[i + 1];
        const takesBullets = enclosingList === null && next.type === "bullet";
        if (next.type !== "paragraph" && !takesBullets) break;
        body.push(next.raw);
        i++;
      }
      const raw = body.join("\n\n");
      items.push({
        kind: "good_practice",
        section,
        subsection,
        panel,
        title,
        actors: mergeActors(boldActors(unit.raw + " " + raw), actorsMentioned(title + " " + plainText(raw))),
        text: body.map(plainText).join("\n\n") || title,
      });
      listKind = enclosingList;
      listHasItems = enclosingList !== null;
      continue;
    }

    if (unit.type === "heading") {
      const next = units[i + 1];
      const isSection = (unit.headingLevel ?? 0) === 0 ? next?.type === "leadin" : (unit.headingLevel ?? 0) <= 2;
      if (isSection) {
        section = plain;
        subsection = null;
      } else subsection = plain;
      listKind = null;
      continue;
    }

    if (namesChallengeInBold(unit.raw) && unit.type !== "bullet") push("challenge", unit.raw);

    if (unit.type === "leadin") {
      const kind = announcedKind(plain);
      if (kind === "conclusion") {
        section = plain.replace(/:$/, "");
        subsection = null;
        panel = null;
      } else if (kind === null) subsection = plain.replace(/:$/, "");
      listKind = kind;
      listHasItems = false;
      continue;
    }

    if (unit.type === "bullet") {
      if (listKind) push(listKind, unit.raw);
      continue;
    }

    // A plain paragraph right after a lead-in is a single item ("an additional recommendation was made: …").
    if (listKind && !listHasItems && !namesChallengeInBold(unit.raw)) {
      push(listKind, unit.raw);
      listKind = null;
      continue;
    }
    listKind = null;
  }

  const perKind: Record<string, number> = {};
  return items.map((item, index) => {
    perKind[item.kind] = (perKind[item.kind] ?? 0) + 1;
    const n = String(perKind[item.kind]).padStart(2, "0");
    return { ...item, key: `${options.keyPrefix}-${KEY_CODES[item.kind]}-${n}`, order: index + 1 };
  });
}

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6 };

/** "In panel 2", "Panel 4 gave…", "This first panel…": the panel a passage belongs to. */
function mentionedPanel(text: string): number | null {
  const numbered = /\bpanel\s+(\d+)\b/i.exec(text);
  if (numbered) return Number(numbered[1]);
  const ordinal = /\b(first|second|third|fourth|fifth|sixth)\s+panel\b/i.exec(text);
  return ordinal ? ORDINALS[ordinal[1].toLowerCase()] : null;
}

function mergeActors(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
