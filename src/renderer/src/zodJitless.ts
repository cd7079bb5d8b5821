// What the renderer's bundle gets for `import … from 'zod'` (an alias in electron.vite.config.ts): the real
// zod, set to jitless before any module of the bundle can build or parse a schema. The console's CSP has
// no 'unsafe-eval', and jit mode probes `new Function` at the first object parse, which the page reports as
// a violation. Importing '@shared/zodSetup' first in main.tsx is not enough: the bundler puts zod in a
// shared chunk and runs that chunk's other modules (some parse at load) before the entry's own imports.
import * as z from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
export { z, z as default };
