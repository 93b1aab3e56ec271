// Text hygiene at every boundary: user text is well-formed Unicode without control characters.
// NUL, VT, ESC… make XML exports ill-formed and Word files unopenable; a lone surrogate cannot be
// encoded as UTF-8 at all. Every zod schema that takes user text builds on `userText`.
import { z } from "./zod";

// C0 controls and DEL; tab and line breaks are checked separately (multiline text allows them).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAKS = /[\t\n\r]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** Why a string is refused, or null when it is acceptable. */
export function textProblem(s: string, options: { multiline?: boolean } = {}): string | null {
  if (hasLoneSurrogate(s)) return "The text contains an invalid character (a lone surrogate).";
  if (CONTROL.test(s) || (!options.multiline && LINE_BREAKS.test(s))) return "The text contains a control character.";
  return null;
}

/**
 * A string schema that refuses control characters and ill-formed Unicode. `multiline` allows tab,
 * newline and carriage return (comment bodies, notes, imported files); one-line fields do not.
 */
export function userText(options: { multiline?: boolean; message?: string } = {}) {
  return z.string().superRefine((s, ctx) => {
    const problem = textProblem(s, options);
    if (problem) ctx.addIssue({ code: "custom", message: options.message ?? problem });
  });
}

// Characters XML 1.0 cannot hold at all (Akoma Ntoso, DOCX), plus lone surrogates.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes what no XML document may contain; for text stored before the boundary checked it. */
export function xmlSafe(s: string): string {
  return s.replace(XML_INVALID, "");
}
