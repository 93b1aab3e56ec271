// Lint: TypeScript rules plus the architecture of docs/ARCHITECTURE.md, enforced here rather than
// remembered. Folder boundaries (which folder may import which) are eslint-plugin-boundaries'
// policies below, one place for each; import cycles are import-x/no-cycle. Rules about packages
// (React, Prisma, raw zod) stay no-restricted-imports; client components are checked by
// charter/client-no-server.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import boundaries from "eslint-plugin-boundaries";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

const restrict = (patterns) => ["error", { patterns }];
const NO_RAW_ZOD = { regex: "^zod(/.*)?$", message: "Import z from lib/zod (it configures zod for the pages' CSP)." };
const NO_PRISMA = { group: ["@prisma/*"], message: "Only server/db imports Prisma." };

/**
 * The folders of ARCHITECTURE.md as element types. The first match wins, so narrower patterns
 * come first. Paths are from the repository root.
 */
const ELEMENTS = [
  { type: "domain-permissions", pattern: "server/domain/permissions" },
  { type: "domain", pattern: "server/domain" },
  { type: "db", pattern: "server/db" },
  { type: "auth", pattern: "server/auth" },
  { type: "collab", pattern: "server/collab" },
  { type: "export", pattern: "server/export" },
  { type: "import", pattern: "server/import" },
  { type: "demo", pattern: "server/demo" },
  { type: "http", pattern: "server/http" },
  { type: "observability", pattern: "server/observability" },
  // What is left in server/: the process entry, the composition root, the environment.
  { type: "server-entry", pattern: "server" },
  { type: "app", pattern: "app" },
  { type: "lib", pattern: "lib" },
  { type: "sw", pattern: "sw" },
  { type: "tests", pattern: "tests" },
  { type: "scripts", pattern: "scripts" },
].map((element) => ({ ...element, partialMatch: false }));

/** The update log (storage of Yjs updates, server/collab/persistence.ts): the one collab file that reaches server/db. */
const FILES = [{ category: "update-log", pattern: "server/collab/persistence.ts" }];
const UPDATE_LOG = { file: { categories: "update-log" } };

const may = (from, to, extra = {}) => ({ from: { element: { type: from } }, allow: { to: { element: { types: to } }, ...extra } });
const SERVER = ["domain", "domain-permissions", "db", "auth", "collab", "export", "import", "demo", "http", "observability"];

/** Who may import whom (everything else is refused). Keep in step with ARCHITECTURE.md's table. */
const POLICIES = [
  may("lib", ["lib"]),
  may("domain", ["lib", "domain", "domain-permissions", "db", "auth"]),
  // Without a running collab server the domain works on the stored update log.
  { from: { element: { type: "domain" } }, allow: { to: UPDATE_LOG } },
  may("domain-permissions", ["lib", "domain-permissions"]),
  // The permission module reads the actor and throws the domain's error, nothing else.
  { from: { element: { type: "domain-permissions" } }, allow: { to: { element: { type: "domain", fileInternalPath: ["actor.ts", "errors.ts"] } } } },
  may("db", ["lib", "db", "observability"]),
  may("auth", ["lib", "auth", "domain"]),
  may("collab", ["lib", "collab", "auth", "observability"]),
  // The collab server implements the domain's ports: it may name their types, never call the domain.
  { from: { element: { type: "collab" } }, allow: { to: { element: { type: "domain" } }, dependency: { kind: "type" } } },
  { from: { element: { type: "collab" }, ...UPDATE_LOG }, allow: { to: { element: { type: "db" } } } },
  may("export", ["lib", "export", "domain", "domain-permissions", "db"]),
  may("import", ["lib", "import", "domain", "domain-permissions", "db"]),
  may("demo", ["lib", "demo", "domain", "db"]),
  // Leaves: the custom server's HTTP compression; the benchmarks' stage timings (off unless asked).
  may("http", []),
  may("observability", []),
  may("server-entry", ["lib", "server-entry", ...SERVER]),
  may("app", ["lib", "app", "domain", "domain-permissions", "auth", "export", "import"]),
  may("sw", ["lib"]),
  may("scripts", ["scripts"]),
  may("tests", ["tests", "lib", "app", "server-entry", "scripts", ...SERVER]),
];

/** Architecture: folder boundaries and no import cycles (the `@/` alias resolved like tsc). */
function architectureRules() {
  return [
    {
      files: ["**/*.{ts,tsx,mjs}"],
      plugins: { boundaries, "import-x": importX },
      settings: {
        "boundaries/elements": ELEMENTS,
        "boundaries/files": FILES,
        "boundaries/dependency-nodes": ["import", "dynamic-import", "export"],
        // boundaries resolves through eslint-module-utils (import/resolver), no-cycle through import-x.
        "import/resolver": { typescript: { project: "tsconfig.json" } },
        "import-x/extensions": [".ts", ".tsx", ".mjs", ".js"],
        "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
        "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
      },
      rules: {
        "boundaries/dependencies": ["error", { default: "disallow", policies: POLICIES }],
      },
    },
    { files: ["server/**/*.ts", "lib/**/*.ts", "app/**/*.{ts,tsx}"], rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] } },
  ];
}

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "server/db/generated/**", "data/**", "test-results/**", "next-env.d.ts", "public/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  ...architectureRules(),
  { files: ["lib/**"], rules: { "no-restricted-imports": restrict([NO_PRISMA, NO_RAW_ZOD, { group: ["react", "react-dom", "@tiptap/react", "next", "next/*"], message: "lib is React-free and framework-free." }]) } },
  { files: ["server/**"], ignores: ["server/db/**"], rules: { "no-restricted-imports": restrict([NO_PRISMA, NO_RAW_ZOD]) } },
  { files: ["app/**"], rules: { "no-restricted-imports": restrict([NO_PRISMA, NO_RAW_ZOD]) } },
  { files: ["lib/zod.ts"], rules: { "no-restricted-imports": "off" } },
  { files: ["app/**/*.tsx", "app/**/use*.ts"], ...clientComponentRule() },
  { files: ["scripts/**/*.mjs", "*.config.*", "eslint.config.mjs"], languageOptions: { globals: { process: "readonly", console: "readonly", __dirname: "readonly" } } },
  { files: ["next.config.js"], languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable" } }, rules: { "@typescript-eslint/no-require-imports": "off" } },
);

/** Client components ("use client") may import lib but never server code. */
function clientComponentRule() {
  return {
    plugins: {
      charter: {
        rules: {
          "client-no-server": {
            meta: { type: "problem", messages: { server: "A client component must not import server code ({{source}})." } },
            create(context) {
              const text = context.sourceCode.getText();
              const isClient = /^\s*["']use client["']/.test(text);
              return {
                ImportDeclaration(node) {
                  const source = String(node.source.value);
                  if (isClient && /^(@\/server\/|.*\/server\/)/.test(source)) {
                    context.report({ node, messageId: "server", data: { source } });
                  }
                },
              };
            },
          },
        },
      },
    },
    rules: { "charter/client-no-server": "error" },
  };
}
