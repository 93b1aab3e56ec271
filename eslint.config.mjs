// Lint: TypeScript rules plus the folder import rules of docs/ARCHITECTURE.md, enforced here
// rather than remembered: lib imports nothing internal; server never imports app; app reaches
// server only from server code (client components are marked "use client" and checked below);
// nothing imports tests.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const restrict = (patterns) => ["error", { patterns }];
const NO_TESTS = { group: ["@/tests/*", "**/tests/*"], message: "Nothing imports tests." };
const NO_APP = { group: ["@/app/*", "**/app/*"], message: "Only app imports app." };
const NO_SERVER = { group: ["@/server/*", "**/server/*"], message: "lib must not import server." };
const NO_RAW_ZOD = { regex: "^zod(/.*)?$", message: "Import z from lib/zod (it configures zod for the pages' CSP)." };
const NO_PRISMA = { group: ["@prisma/*", "**/db/generated/*"], message: "Only server/db imports Prisma (ARCHITECTURE.md rule 3)." };

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
  { files: ["lib/**"], rules: { "no-restricted-imports": restrict([NO_SERVER, NO_APP, NO_TESTS, NO_PRISMA, NO_RAW_ZOD, { group: ["react", "react-dom", "@tiptap/react", "next", "next/*"], message: "lib is React-free and framework-free (ARCHITECTURE.md rule 4)." }]) } },
  { files: ["server/**"], ignores: ["server/db/**"], rules: { "no-restricted-imports": restrict([NO_APP, NO_TESTS, NO_PRISMA, NO_RAW_ZOD]) } },
  { files: ["server/db/**"], rules: { "no-restricted-imports": restrict([NO_APP, NO_TESTS]) } },
  { files: ["app/**"], rules: { "no-restricted-imports": restrict([NO_TESTS, NO_PRISMA, NO_RAW_ZOD]) } },
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
