// The small, safe text format of comment bodies: **bold**, *italic*, [links](https://…) and bare
// https:// addresses,
// @mentions written as @[Name](user:id), and line breaks. Parsed into tokens that the UI renders
// as React elements: no HTML from users is ever interpreted.
export type Token =
  | { type: "text"; value: string }
  | { type: "bold"; value: string }
  | { type: "italic"; value: string }
  | { type: "link"; value: string; href: string }
  | { type: "mention"; value: string; userId: string }
  | { type: "break" };

const PATTERN = /(\*\*([^*\n]+)\*\*)|(\*([^*\n]+)\*)|(\[([^\]\n]+)\]\(([^)\s]+)\))|(@\[([^\]\n]+)\]\(user:([A-Za-z0-9_-]{1,64})\))|(\n)/g;

/** Only web and mail links; anything else (javascript:, data:) stays plain text. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.toString() : null;
  } catch {
    return null;
  }
}

const BARE_URL = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;

/** Plain text with bare web addresses turned into links. */
function textTokens(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(BARE_URL)) {
    const href = safeHref(m[0]);
    if (!href) continue;
    if (m.index! > last) out.push({ type: "text", value: text.slice(last, m.index) });
    out.push({ type: "link", value: m[0], href });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push({ type: "text", value: text.slice(last) });
  return out;
}

export function parseCommentBody(body: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of body.matchAll(PATTERN)) {
    if (m.index! > last) tokens.push(...textTokens(body.slice(last, m.index)));
    if (m[1]) tokens.push({ type: "bold", value: m[2] });
    else if (m[3]) tokens.push({ type: "italic", value: m[4] });
    else if (m[5]) {
      const href = safeHref(m[7]);
      tokens.push(href ? { type: "link", value: m[6], href } : { type: "text", value: m[0] });
    } else if (m[8]) tokens.push({ type: "mention", value: m[9], userId: m[10] });
    else tokens.push({ type: "break" });
    last = m.index! + m[0].length;
  }
  if (last < body.length) tokens.push(...textTokens(body.slice(last)));
  return tokens;
}

const MENTION = /@\[([^\]\n]+)\]\(user:[A-Za-z0-9_-]{1,64}\)/g;

/** The body with mentions written as readers see them ("@Name"), for exports and plain text. */
export function mentionsAsNames(body: string): string {
  return body.replace(MENTION, "@$1");
}

export function mentionedUserIds(body: string): string[] {
  return [...new Set(parseCommentBody(body).flatMap((t) => (t.type === "mention" ? [t.userId] : [])))];
}

export const MAX_COMMENT_CHARS = 5000;
