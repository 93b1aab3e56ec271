// French typography for exported French text: a narrow no-break space (U+202F) before ; : ! ?
// and inside « », as the Imprimerie nationale's rules and the Rabat Process's French documents
// have it. Exports only: the stored text is never changed (a delegate types what they type).
//
// A mark gets its space only when it ends a word: it is followed by a space, the end of the text
// or closing punctuation. That leaves "12:40", "http://", "?q=1" and "a;b" as they are.

export const NARROW_NBSP = "\u202F";

const HIGH_MARKS = new Set([";", ":", "!", "?"]);
/** What may follow a mark that ends a word (besides whitespace and the end of the text). */
const CLOSING = new Set(["»", ")", "]", "”", '"', "’", "'", ".", ",", "…"]);
/** Spaces a writer may have typed where the narrow one belongs. */
const TYPED_SPACES = new Set([" ", "\u00A0", "\t", "\u2009", "\u2002", "\u2003"]);

interface Edits {
  /** Indices of typed spaces that become narrow no-break spaces. */
  replace: Set<number>;
  /** Indices before which a narrow no-break space is added. */
  insert: Set<number>;
}

function endsWord(text: string, at: number): boolean {
  return at >= text.length || /\s/.test(text[at]) || CLOSING.has(text[at]);
}

/** The spacing edits French rules ask of `text` (indices into `text`). */
function frenchEdits(text: string): Edits {
  const edits: Edits = { replace: new Set(), insert: new Set() };
  /** Makes the space before index `at` narrow: the typed one, or a new one after a character. */
  const spaceBefore = (at: number) => {
    if (at === 0) return;
    const prev = text[at - 1];
    if (prev === NARROW_NBSP || prev === "\n" || prev === "«") return;
    if (TYPED_SPACES.has(prev)) edits.replace.add(at - 1);
    else edits.insert.add(at);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (HIGH_MARKS.has(ch)) {
      // A cluster such as "?!" gets one space, before its first mark.
      let end = i;
      while (end < text.length && HIGH_MARKS.has(text[end])) end++;
      if (endsWord(text, end)) spaceBefore(i);
      i = end - 1;
    } else if (ch === "«") {
      const next = text[i + 1];
      if (next === undefined || next === "\n" || next === NARROW_NBSP) continue;
      if (TYPED_SPACES.has(next)) edits.replace.add(i + 1);
      else edits.insert.add(i + 1);
    } else if (ch === "»") spaceBefore(i);
  }
  return edits;
}

function applyEdits(text: string, edits: Edits, from: number, to: number): string {
  let out = "";
  for (let i = from; i < to; i++) out += (edits.insert.has(i) ? NARROW_NBSP : "") + (edits.replace.has(i) ? NARROW_NBSP : text[i]);
  return out;
}

/** `text` with French spacing: narrow no-break spaces before ; : ! ? and inside « ». */
export function frenchTypography(text: string): string {
  return applyEdits(text, frenchEdits(text), 0, text.length);
}

/**
 * The same for a paragraph cut into runs (bold, italic…): the rules read the runs as one text,
 * so "**Note**: …" gets its space although the colon starts a run. Returns the runs' new texts.
 */
export function frenchTypographyRuns(texts: string[]): string[] {
  const joined = texts.join("");
  const edits = frenchEdits(joined);
  let offset = 0;
  return texts.map((t) => {
    const out = applyEdits(joined, edits, offset, offset + t.length);
    offset += t.length;
    return out;
  });
}
