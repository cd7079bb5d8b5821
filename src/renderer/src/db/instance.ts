// The one database this renderer uses, opened on first use.
import { TribeDb } from './db';

let db: TribeDb | undefined;

export function getDb(): TribeDb {
  db ??= new TribeDb();
  return db;
}
