// The order of the register and of the session, and the register's URL filters: pure functions
// over amendments as the API returns them.
import { describe, expect, it } from "vitest";
import { inRegisterOrder, inSessionOrder, type ArticleRef } from "@/app/drafts/[id]/amendments/order";
import { applyRegisterFilter, parseRegisterFilter, registerQuery } from "@/app/drafts/[id]/amendments/register/filters";

const articles: ArticleRef[] = [
  { clauseId: "a", number: 1, heading: "First", text: "Alpha beta gamma." },
  { clauseId: "b", number: 2, heading: "Second", text: "Delta epsilon zeta." },
];

function amendment(number: string | null, clauseId: string, over: Record<string, unknown> = {}) {
  return {
    id: number ?? "draft",
    number,
    clauseId,
    lang: "en" as "en" | "fr",
    status: "submitted",
    op: "MOD",
    type: "te",
    anchor: null as null | { clauseId: string; prefix: string; exact: string; suffix: string },
    sponsor: { delegation: "Senegal" },
    cosponsors: [] as { delegation: string }[],
    decision: null as null | { reading: string | null },
    ...over,
  } as const;
}
const quote = (clauseId: string, exact: string) => ({ anchor: { clauseId, prefix: "", exact, suffix: "" } });

describe("amendment order", () => {
  it("the register reads by article, then by number; gone articles and private drafts last", () => {
    const list = [amendment("AM-003", "a"), amendment(null, "a"), amendment("AM-001", "b"), amendment("AM-010", "gone"), amendment("AM-002", "a")];
    expect(inRegisterOrder(list, articles).map((a) => a.number)).toEqual(["AM-002", "AM-003", null, "AM-001", "AM-010"]);
  });

  it("the session keeps open amendments only, by article, then whole-article first, then by place in the text", () => {
    const list = [
      amendment("AM-001", "b", quote("b", "zeta")),
      amendment("AM-002", "b", quote("b", "Delta")),
      amendment("AM-003", "b"),
      amendment("AM-004", "a", { status: "deferred", ...quote("a", "gamma") }),
      amendment("AM-005", "a", { status: "accepted" }),
      amendment("AM-006", "a", { status: "under_consideration", ...quote("a", "Alpha") }),
      amendment("AM-007", "b", { status: "withdrawn" }),
      amendment("AM-008", "b", quote("b", "no longer there")),
    ];
    expect(inSessionOrder(list, articles).map((a) => a.number)).toEqual(["AM-006", "AM-004", "AM-003", "AM-002", "AM-001", "AM-008"]);
  });
});

describe("register filters", () => {
  it("keeps each valid value and drops each unknown one", () => {
    expect(parseRegisterFilter({ status: "nonsense", op: "SUP", type: ["ed", "te"], delegation: "  Ghana ", ours: "yes", reading: "" })).toEqual({
      op: "SUP",
      type: "ed",
      delegation: "Ghana",
    });
  });

  it("matches sponsors and co-sponsors, our delegation, the reading; counts ignore the status filter", () => {
    const list = [
      amendment("AM-001", "a", { cosponsors: [{ delegation: "Ghana" }] }),
      amendment("AM-002", "a", { sponsor: { delegation: "Ghana" }, status: "withdrawn" }),
      amendment("AM-003", "b", { decision: { reading: "First reading" }, status: "accepted" }),
    ];
    const numbers = (xs: { number: string | null }[]) => xs.map((a) => a.number);
    expect(numbers(applyRegisterFilter(list, { delegation: "Ghana" }, ""))).toEqual(["AM-001", "AM-002"]);
    expect(numbers(applyRegisterFilter(list, { ours: "1" }, "Ghana"))).toEqual(["AM-001", "AM-002"]);
    expect(numbers(applyRegisterFilter(list, { reading: "First reading" }, ""))).toEqual(["AM-003"]);
    expect(numbers(applyRegisterFilter(list, { status: "withdrawn", clauseId: "a" }, ""))).toEqual(["AM-002"]);
    expect(numbers(applyRegisterFilter(list, { status: "withdrawn", clauseId: "a" }, "", { withStatus: false }))).toEqual(["AM-001", "AM-002"]);
  });

  it("filters by the text amended (English or French); an unknown language is ignored", () => {
    const list = [amendment("AM-001", "a"), amendment("AM-002", "a", { lang: "fr" }), amendment("AM-003", "b", { lang: "fr" })];
    const numbers = (xs: { number: string | null }[]) => xs.map((a) => a.number);
    expect(parseRegisterFilter({ lang: "fr" })).toEqual({ lang: "fr" });
    expect(parseRegisterFilter({ lang: "de" })).toEqual({});
    expect(numbers(applyRegisterFilter(list, { lang: "fr" }, ""))).toEqual(["AM-002", "AM-003"]);
    expect(numbers(applyRegisterFilter(list, { lang: "en", clauseId: "a" }, ""))).toEqual(["AM-001"]);
    expect(registerQuery({ lang: "fr" }, { status: "submitted" })).toBe("?lang=fr&status=submitted");
  });

  it("writes a filter back as a shareable query", () => {
    expect(registerQuery({ delegation: "Côte d'Ivoire", ours: "1" }, { status: "submitted" })).toBe("?delegation=C%C3%B4te+d%27Ivoire&status=submitted&ours=1");
    expect(registerQuery({ ours: "1" }, { ours: undefined })).toBe("");
  });
});
