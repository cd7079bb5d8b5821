// Entry of the Electron app (built as out/main/index.js). Everything but the window lives in the
// plain-Node core; this folder is the only part of main that may import electron.
import '@shared/zodSetup';
import { runElectron } from './window';

runElectron().catch((error: unknown) => {
  process.stderr.write(`Tribekeeper could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
