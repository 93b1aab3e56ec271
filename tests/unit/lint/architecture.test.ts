// The architecture rules of docs/ARCHITECTURE.md are lint rules (eslint.config.mjs): these
// samples, linted in memory as if they were files of the repository, prove that they bite.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../../..");
let eslint: ESLint;

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("architecture lint", () => {
  beforeAll(() => {
    eslint = new ESLint({ cwd: root });
  });

  it("reports an import cycle (lib/editor/ydoc.ts imports schema.ts; schema.ts importing ydoc.ts closes the circle)", async () => {
    const messages = await ruleIdsFor("lib/editor/schema.ts", 'import { readClauses } from "./ydoc";\nexport const reader = readClauses;\n');
    expect(messages).toContainEqual(expect.stringMatching(/^import-x\/no-cycle: Dependency cycle/));
  });

  it("reports a cycle hidden in a dynamic import", async () => {
    // versions imports live-documents; a live-documents that loads versions lazily closes the
    // circle (how the collab -> domain -> collab circle used to hide).
    const messages = await ruleIdsFor(
      "server/domain/live-documents.ts",
      'export async function later() {\n  const { createAutoVersion } = await import("@/server/domain/versions");\n  return createAutoVersion;\n}\n',
    );
    expect(messages).toContainEqual(expect.stringMatching(/^import-x\/no-cycle/));
  });

  it("refuses server/collab importing server/db directly (only the update log may)", async () => {
    const code = 'import { db } from "@/server/db/client";\nexport const client = db;\n';
    expect(await ruleIdsFor("server/collab/room.ts", code)).toContainEqual(
      'boundaries/dependencies: There is no policy allowing dependencies from elements of type "collab" to elements of type "db"',
    );
    expect(await ruleIdsFor("server/collab/persistence.ts", code)).toEqual([]);
  });

  it("lets server/collab name the domain's port types but never call the domain", async () => {
    const typeOnly = 'import type { LiveDocuments } from "@/server/domain/live-documents";\nexport type Port = LiveDocuments;\n';
    expect(await ruleIdsFor("server/collab/server.ts", typeOnly)).toEqual([]);
    const call = 'export async function index() {\n  const { indexDraftClauses } = await import("@/server/domain/drafts");\n  return indexDraftClauses;\n}\n';
    expect(await ruleIdsFor("server/collab/server.ts", call)).toContainEqual(expect.stringMatching(/^boundaries\/dependencies: .*"collab" to elements of type "domain"/));
  });

  it("refuses lib importing server, the domain importing the collab server, and anyone importing tests", async () => {
    expect(await ruleIdsFor("lib/coverage.ts", 'import { can } from "@/server/domain/permissions";\nexport const check = can;\n')).toContainEqual(
      expect.stringMatching(/^boundaries\/dependencies: .*"lib" to elements of type "domain-permissions"/),
    );
    expect(await ruleIdsFor("server/domain/comments/index.ts", 'import { CollabServer } from "@/server/collab/server";\nexport const server = CollabServer;\n')).toContainEqual(
      expect.stringMatching(/^boundaries\/dependencies: .*"domain" to elements of type "collab"/),
    );
    expect(await ruleIdsFor("app/page.tsx", 'import { startCollab } from "@/tests/helpers/collab";\nexport const start = startCollab;\n')).toContainEqual(
      expect.stringMatching(/^boundaries\/dependencies: .*"app" to elements of type "tests"/),
    );
  });
});
