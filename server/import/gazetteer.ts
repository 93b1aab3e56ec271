// Names of delegations and organisations that the outcome documents mention in bold.
// A bold phrase counts as naming actors only when every part of it is a known name, so
// bold topics ("good practices", "NCFRMI Act 2022") are never mistaken for actors.
const COUNTRIES = [
  "Algeria", "Angola", "Austria", "Belgium", "Benin", "Bulgaria", "Burkina Faso", "Cabo Verde",
  "Cameroon", "Central African Republic", "Chad", "Congo", "Côte d'Ivoire", "Croatia", "Cyprus",
  "Czech Republic", "Democratic Republic of the Congo", "Denmark", "Egypt", "Equatorial Guinea",
  "Estonia", "Ethiopia", "Finland", "France", "Gabon", "Gambia", "Germany", "Ghana", "Greece",
  "Guinea", "Guinea-Bissau", "Hungary", "Ireland", "Italy", "Latvia", "Lebanon", "Libya",
  "Liberia", "Lithuania", "Luxembourg", "Mali", "Malta", "Mauritania", "Morocco", "Netherlands",
  "Niger", "Nigeria", "Norway", "Poland", "Portugal", "Romania", "Senegal", "Sierra Leone",
  "Slovakia", "Slovenia", "Spain", "Sweden", "Switzerland", "Togo", "Tunisia", "United Kingdom",
];

const ORGANISATIONS = [
  "African Union", "ECOWAS", "European Union", "EU", "EUROPOL", "FRONTEX", "ICMPD", "IOM",
  "OHCHR", "UNHCR", "UNODC", "European Commission",
];

// Spellings met in the sources, mapped to the canonical name.
const ALIASES: Record<string, string> = {
  "cameroun": "Cameroon",
  "kingdom of morocco": "Morocco",
  "kingdom of spain": "Spain",
  "ivory coast": "Côte d'Ivoire",
  "the gambia": "Gambia",
};

const CANONICAL = new Map<string, string>();
for (const name of [...COUNTRIES, ...ORGANISATIONS]) CANONICAL.set(normalise(name), name);
for (const [alias, name] of Object.entries(ALIASES)) CANONICAL.set(alias, name);

function normalise(name: string): string {
  return name
    .replace(/[’]/g, "'")
    .replace(/^the\s+/i, "")
    .trim()
    .toLowerCase();
}

/** The canonical actor names of a bold phrase, or [] when the phrase is not a list of actors. */
export function actorsInPhrase(phrase: string): string[] {
  const parts = phrase
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return [];
  const names = parts.map((p) => CANONICAL.get(normalise(p)));
  if (names.some((n) => n === undefined)) return [];
  return names as string[];
}

/** Known actor names mentioned anywhere in plain text (used for boxed case studies). */
export function actorsMentioned(text: string): string[] {
  const found: string[] = [];
  for (const [key, name] of CANONICAL) {
    if (key.length < 3) continue; // "EU" would match inside words
    const pattern = new RegExp(`(^|[^\\p{L}])${escapeRegExp(key)}([^\\p{L}]|$)`, "iu");
    if (pattern.test(text) && !found.includes(name)) found.push(name);
  }
  return found;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
