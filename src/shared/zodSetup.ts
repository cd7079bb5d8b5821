// Imported first by every entry (renderer, main, CLIs): zod compiles object parsers with `new
// Function` where eval works and probes for it once; under the console's CSP (no 'unsafe-eval') the
// probe is reported as a violation. Jitless: no probe, no generated code, the same results.
import { z } from 'zod';

z.config({ jitless: true });

export const zodJitless = true;
