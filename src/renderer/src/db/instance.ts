// The one database this renderer uses, opened on first use.
import { TribeDb } from './db';

let db: TribeDb | undefined;

export function getDb(): TribeDb {
  // Relaxed durability: a commit returns once the OS has the data, not after an fsync. A power cut
  // may lose the last batch, which main then sends again from the cursor; a crash of the app loses nothing.
  db ??= new TribeDb(undefined, { chromeTransactionDurability: 'relaxed' });
  return db;
}
