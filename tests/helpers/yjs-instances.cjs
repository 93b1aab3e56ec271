// Test-only preload (node --require): reports every evaluation of a Yjs module in the process.
// Each copy of Yjs, whether loaded from node_modules (CJS or ESM build) or bundled into a Next.js
// chunk, marks itself at evaluation by setting globalThis['__ $YJS$ __'] (that mark is how Yjs
// prints "Yjs was already imported"). A setter on that name sees every copy, wherever it lives,
// and prints the file that evaluated it: `[yjs-instance] <file>` on stderr. The getter answers as
// Yjs's own check expects, so its warning still prints when a second copy loads.
/* global process, __filename */
const MARK = "__ $YJS$ __";
let seen = false;
Object.defineProperty(globalThis, MARK, {
  configurable: true,
  get: () => seen,
  set: () => {
    seen = true;
    // The first stack frame outside this file is the module that evaluated Yjs.
    const frames = (new Error().stack ?? "").split("\n").slice(1);
    const caller = frames.find((line) => !line.includes(__filename)) ?? "unknown";
    const file = caller.replace(/^\s*at\s+(?:.*\()?/, "").replace(/\)?\s*$/, "").replace(/:\d+:\d+$/, "");
    process.stderr.write(`[yjs-instance] ${file}\n`);
  },
});
