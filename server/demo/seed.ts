// Demo data for trying and testing (SEED_DEMO=1 only: it sets known passwords), run by
// server/main.ts at start-up. Goes through the domain functions like any other caller; safe to
// run again. (Not a Prisma seed: it needs the domain, so it lives in server/.)
import { db } from "@/server/db/client";
import { SYSTEM_ACTOR } from "@/server/domain/actor";
import { createMember, toActor } from "@/server/domain/members";
import { createDraft, indexDraftClauses } from "@/server/domain/drafts";
import { usersRepo } from "@/server/db/repositories/users";
import { sourcesRepo } from "@/server/db/repositories/sources";
import type { BlockSpec, InlineSpec } from "@/lib/editor/ydoc";
import { readClauses } from "@/lib/editor/ydoc";
import { currentDraftState } from "@/server/domain/live-documents";
import * as Y from "yjs";

export const DEMO_PASSWORD = "charter-demo";
export const DEMO_DRAFT_TITLE = "Charter on Humanised Border Management — working draft";
export const DEMO_ACCOUNTS = [
  { email: "secretariat@demo.test", name: "Salma Bennani", role: "secretariat", delegation: "Rabat Process Secretariat" },
  { email: "chair@demo.test", name: "Youssef Alaoui", role: "chair", delegation: "Morocco" },
  { email: "member@demo.test", name: "Aminata Diallo", role: "member", delegation: "Senegal" },
  { email: "observer@demo.test", name: "Claire Martin", role: "observer", delegation: "UNHCR" },
  { email: "viewer@demo.test", name: "Jonas Weber", role: "viewer", delegation: "Germany — legal service" },
] as const;

async function citationsByKey(keys: string[]): Promise<Map<string, { sourceItemId: string; key: string }>> {
  const items = await sourcesRepo.listItems(db(), {});
  const map = new Map<string, { sourceItemId: string; key: string }>();
  for (const item of items) if (keys.includes(item.key)) map.set(item.key, { sourceItemId: item.id, key: item.key });
  return map;
}

export async function seedDemo(): Promise<{ accounts: number; draftCreated: boolean }> {
  let accounts = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (await usersRepo.findByEmail(db(), account.email)) continue;
    await createMember(SYSTEM_ACTOR, { ...account, password: DEMO_PASSWORD });
    accounts++;
  }
  const drafts = await db().draft.findMany({ where: { title: DEMO_DRAFT_TITLE }, select: { id: true } });
  if (drafts.length) return { accounts, draftCreated: false };

  const cites = await citationsByKey(["MKH23-REC-03", "MKH23-REC-07", "MKH23-CON-01", "MKH23-CON-04", "MKH23-REC-05", "MKH23-CON-03"]);
  const cite = (key: string): InlineSpec[] => {
    const ref = cites.get(key);
    return ref ? [" ", { cite: ref }] : [];
  };
  const content: BlockSpec[] = [
    { chapter: "Chapter I — Principles" },
    {
      clauseId: "demo-art-1",
      heading: "Respect for rights and dignity",
      paragraphs: [["Border management by the signatories shall respect the human rights and dignity of every migrant, whatever their status, while preventing and combating migrant smuggling and trafficking in human beings.", ...cite("MKH23-CON-01")]],
    },
    {
      clauseId: "demo-art-2",
      heading: "Shared responsibility",
      paragraphs: [["Partner countries share responsibility for humanised border management and shall enhance their cooperation and coordination to that end.", ...cite("MKH23-CON-03")]],
    },
    { chapter: "Chapter II — Identification and protection at the border" },
    {
      clauseId: "demo-art-3",
      heading: "Screening of vulnerable migrants",
      paragraphs: [
        ["National agencies shall establish a common procedural framework for the identification and referral of victims of trafficking and vulnerable migrants.", ...cite("MKH23-REC-07")],
        ["Identification teams shall include social workers, cultural mediators and other qualified professionals.", ...cite("MKH23-REC-03")],
      ],
    },
    {
      clauseId: "demo-art-4",
      heading: "Protection of lives",
      paragraphs: [["Law enforcement agencies shall give priority to saving lives, in particular of persons in distress at sea, minors and victims of trafficking.", ...cite("MKH23-CON-04")]],
    },
    {
      clauseId: "demo-art-5",
      heading: "Training and exchange",
      paragraphs: [["The signatories shall support platforms where border authorities and law enforcement officers exchange experience and good practices on human rights.", ...cite("MKH23-REC-05")]],
    },
  ];
  const secretariat = await usersRepo.findByEmail(db(), "secretariat@demo.test");
  const actor = secretariat ? toActor(secretariat) : SYSTEM_ACTOR;
  const draft = await createDraft(actor, { title: DEMO_DRAFT_TITLE }, content);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draft.id));
  await indexDraftClauses(draft.id, readClauses(doc));
  doc.destroy();
  return { accounts, draftCreated: true };
}
