// The register's filters live in the URL (?delegation=Ghana&status=submitted&ours=1) so a
// filtered view can be shared. Each value is checked on its own: one unknown value is ignored,
// the others still apply.
import { z } from "@/lib/zod";
import { AMENDMENT_OPS, AMENDMENT_STATUSES, AMENDMENT_TYPES, type Amendment } from "@/lib/contracts/amendments";
import { TEXT_LANGS } from "@/lib/editor/languages";
import { delegationsOf, type Sponsors } from "../order";

/** What the filters read of an amendment (the domain's value or the contract's). */
type Filterable = Pick<Amendment, "clauseId" | "lang" | "status" | "op" | "type"> & Sponsors & { decision: { reading: string | null } | null };

const text = z.string().trim().min(1).max(200);
const fields = {
  delegation: text,
  clauseId: z.string().trim().min(1).max(64),
  /** The text amended (English or French). */
  lang: z.enum(TEXT_LANGS),
  status: z.enum(AMENDMENT_STATUSES),
  op: z.enum(AMENDMENT_OPS),
  type: z.enum(AMENDMENT_TYPES),
  reading: text,
  ours: z.literal("1"),
} as const;
type Field = keyof typeof fields;
export type RegisterFilter = Partial<{ [K in Field]: z.output<(typeof fields)[K]> }>;

export function parseRegisterFilter(raw: Record<string, string | string[] | undefined>): RegisterFilter {
  const filter: Record<string, unknown> = {};
  for (const key of Object.keys(fields) as Field[]) {
    const value = Array.isArray(raw[key]) ? raw[key][0] : raw[key];
    const parsed = fields[key].safeParse(value);
    if (parsed.success) filter[key] = parsed.data;
  }
  return filter as RegisterFilter;
}

/**
 * The amendments a filter keeps. `status` is left out when asked (`withStatus: false`): the
 * counts per status are counted over everything else the filter keeps.
 */
export function applyRegisterFilter<T extends Filterable>(
  amendments: T[],
  filter: RegisterFilter,
  ownDelegation: string,
  { withStatus = true } = {},
): T[] {
  return amendments.filter(
    (a) =>
      (!filter.ours || delegationsOf(a).includes(ownDelegation)) &&
      (!filter.delegation || delegationsOf(a).includes(filter.delegation)) &&
      (!filter.clauseId || a.clauseId === filter.clauseId) &&
      (!filter.lang || a.lang === filter.lang) &&
      (!withStatus || !filter.status || a.status === filter.status) &&
      (!filter.op || a.op === filter.op) &&
      (!filter.type || a.type === filter.type) &&
      (!filter.reading || a.decision?.reading === filter.reading),
  );
}

/** The same filter as a query string, with one field changed (undefined removes it). */
export function registerQuery(filter: RegisterFilter, change: Partial<Record<Field, string | undefined>> = {}): string {
  const merged: Record<string, string | undefined> = { ...filter, ...change };
  const params = new URLSearchParams();
  for (const key of Object.keys(fields)) if (merged[key]) params.set(key, merged[key]);
  const query = params.toString();
  return query ? `?${query}` : "";
}
