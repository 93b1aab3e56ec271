// Saves a parsed outcome document as source items. Idempotent: items are matched by key, so a
// re-import updates in place and never duplicates; items missing from a new import are marked
// withdrawn, not deleted, so citations to them are flagged instead of lost.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/server/db/client";
import { sourcesRepo } from "@/server/db/repositories/sources";
import { importSchema } from "@/lib/contracts/sources";
import type { Actor } from "@/server/domain/actor";
import { DomainError } from "@/server/domain/errors";
import { authorize } from "@/server/domain/permissions";
import { recordAudit } from "@/server/domain/audit/record";
import { parseInput } from "@/server/domain/validate";
import { OutcomeParseError, parseOutcomeDocument, type ParsedItem } from "./parse-outcome";

export interface ImportSummary {
  keyPrefix: string;
  title: string;
  counts: Record<string, number>;
  created: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  saved: boolean;
  items: ParsedItem[];
}


function sameItem(a: ParsedItem, b: { kind: string; text: string; section: string | null; subsection: string | null; panel: number | null; title: string | null; actors: string[]; order: number; status: string }) {
  return (
    a.kind === b.kind && a.text === b.text && a.section === b.section && a.subsection === b.subsection &&
    a.panel === b.panel && a.title === b.title && a.actors.length === b.actors.length && a.actors.every((actor, i) => actor === b.actors[i]) && a.order === b.order && b.status === "active"
  );
}

export async function importOutcomeDocument(actor: Actor | null, request: unknown /* { text, keyPrefix, title, language?, boxTitles?, confirm? } */): Promise<ImportSummary> {
  authorize(actor, "source:import");
  const input = parseInput(importSchema, request);
  let parsed;
  try {
    parsed = parseOutcomeDocument(input.text, { keyPrefix: input.keyPrefix, boxTitles: input.boxTitles });
  } catch (error) {
    if (error instanceof OutcomeParseError) throw new DomainError("invalid", error.message, { parseError: error.code });
    throw error;
  }
  const sourceHash = createHash("sha256").update(input.text).digest("hex");

  return db().$transaction(async (tx) => {
    const document = await sourcesRepo.findDocument(tx, input.keyPrefix);
    const existing = document ? await sourcesRepo.itemsOfDocument(tx, document.id) : [];
    const byKey = new Map(existing.map((row) => [row.key, row]));
    const summary: ImportSummary = {
      keyPrefix: input.keyPrefix,
      title: input.title,
      counts: parsed.counts,
      created: 0,
      updated: 0,
      unchanged: 0,
      withdrawn: 0,
      saved: false,
      items: parsed.items,
    };
    for (const item of parsed.items) {
      const row = byKey.get(item.key);
      if (!row) summary.created++;
      else if (sameItem(item, row)) summary.unchanged++;
      else summary.updated++;
    }
    const keys = new Set(parsed.items.map((i) => i.key));
    const toWithdraw = existing.filter((row) => !keys.has(row.key) && row.status === "active");
    summary.withdrawn = toWithdraw.length;
    if (!input.confirm) return summary;

    const { id: documentId } = await sourcesRepo.upsertDocument(tx, {
      keyPrefix: input.keyPrefix,
      title: input.title,
      language: input.language,
      sourceHash,
    });
    for (const item of parsed.items) {
      const row = byKey.get(item.key);
      const data = { key: item.key, kind: item.kind, section: item.section, subsection: item.subsection, panel: item.panel, title: item.title, actors: item.actors, text: item.text, order: item.order };
      if (!row) await sourcesRepo.createItem(tx, documentId, data);
      else if (!sameItem(item, row)) await sourcesRepo.updateItem(tx, row.id, data);
    }
    if (toWithdraw.length) await sourcesRepo.withdrawItems(tx, toWithdraw.map((r) => r.id));
    await recordAudit(tx, actor, "sources.import", { type: "source_document", id: documentId }, {
      keyPrefix: input.keyPrefix,
      created: summary.created,
      updated: summary.updated,
      withdrawn: summary.withdrawn,
    });
    return { ...summary, saved: true };
  });
}

/** The outcome document of the Marrakesh meeting, shipped with the project. */
export const MARRAKESH_2023 = {
  keyPrefix: "MKH23",
  title: "Thematic Meeting on Humanised Border Management, Marrakesh, 22-23 June 2023 — Outcome document",
  language: "en",
  file: path.join(process.cwd(), "server", "import", "sources", "marrakesh-2023-outcome-document.txt"),
  // The PDF showed these case studies in boxes; the extracted text lost the boxes.
  boxTitles: [
    "Ensuring satisfactory and efficient coordination at borders",
    "The EU Action Plan against migrant smuggling",
    "The Nigerian Legal and Policy Framework",
    "IOM's SIMEX",
  ],
};

/** Imports the shipped document when it is missing or its text changed (start-up and seed). */
export async function ensureMarrakeshImported(actor: Actor): Promise<"imported" | "present"> {
  const text = readFileSync(/*turbopackIgnore: true*/ MARRAKESH_2023.file, "utf8");
  const hash = createHash("sha256").update(text).digest("hex");
  const existing = await sourcesRepo.findDocument(db(), MARRAKESH_2023.keyPrefix);
  if (existing?.sourceHash === hash) return "present";
  await importOutcomeDocument(actor, { ...MARRAKESH_2023, text, confirm: true });
  return "imported";
}
