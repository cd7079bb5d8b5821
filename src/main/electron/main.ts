// Entry of the Electron app. Everything but the window lives in the plain-Node core.
import '@shared/zodSetup';
import { runElectron } from './electron/window';

runElectron().catch((error: unknown) => {
  process.stderr.write(`Tribekeeper could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
