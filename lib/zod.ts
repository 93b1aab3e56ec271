// The one way this code base imports zod. Zod compiles object parsers with `new Function` unless
// told not to; the pages' CSP forbids eval (no 'unsafe-eval'), and zod's probe for it is reported
// as a violation in the browser. Configuring here, in the module every schema imports, makes the
// setting hold whichever bundle loads first.
import { z } from "zod";

z.config({ jitless: true });

export { z };
