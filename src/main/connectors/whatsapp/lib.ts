// Loads Baileys. It is ESM-only and its WebAssembly bridge publishes only an `import` entry, so the
// CommonJS main bundle (and tsx) reach it through a dynamic import, once per process. Its libsignal
// gets the fast signature maths first (fastCurve.ts): the JavaScript curve capped a group at ~20 msgs/s.
// Its libsignal prints whole session records (keys) with console.info, so the console guard goes on first.
import type * as BaileysModule from 'baileys';
import { installConsoleGuard } from '../../util/consoleGuard';
import { installFastCurve } from './fastCurve';

export type Baileys = typeof BaileysModule;

let loading: Promise<Baileys> | undefined;

export function loadBaileys(): Promise<Baileys> {
  installConsoleGuard();
  loading ??= Promise.all([import('baileys'), installFastCurve()]).then(([baileys]) => baileys);
  return loading;
}

/** A logger for Baileys that drops everything: its records can carry keys, numbers and message text. */
export const silentLogger = {
  level: 'silent',
  child() {
    return silentLogger;
  },
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};
