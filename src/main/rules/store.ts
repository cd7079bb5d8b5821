// The community's rule pack in main: read from the console's home at start (the built-in default
// pack when there is none), checked and compiled before it replaces the running one, and written
// atomically so a crash mid-save never leaves a half pack behind.
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok } from '@shared/domain/result';
import type { Problem, Result } from '@shared/domain/result';
import { defaultPack, packProblems, RulePackSchema } from '@shared/triage';
import type { RulePack } from '@shared/triage';
import { SerialQueue, writeFileAtomic } from '../util/files';
import { logger } from '../util/log';

const log = logger('rules');

export interface LoadedPack {
  pack: RulePack;
  /** False while the team runs the built-in pack unchanged. */
  custom: boolean;
}

/** Every problem of a pack as data (where, code, fields): the renderer words them. Shared with the editor. */
export { packProblems };

/** At most this many problems travel back; the count of the rest comes as a field. */
export const SHOWN_PROBLEMS = 50;

/** A pack that does not pass as a failure: structured problems, and English lines for the log. */
export function packFailure(problems: readonly Problem[]): Result<never> {
  const shown = problems.slice(0, SHOWN_PROBLEMS);
  const lines = shown.map((p) => `${p.path.join('.') || 'pack'}: ${p.code}${p.fields ? ` ${JSON.stringify(p.fields)}` : ''}`);
  return fail('invalid_input', `The rules were not saved:\n${lines.join('\n')}`, {
    problems: shown,
    fields: { reason: 'rules_invalid', count: problems.length, more: problems.length - shown.length },
  });
}

export class RulePackStore {
  private readonly file: string;
  private readonly writes = new SerialQueue();

  constructor(private readonly home: string) {
    this.file = join(home, 'rules.json');
  }

  async load(): Promise<LoadedPack> {
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('rules.json unreadable; using the built-in rules', error);
      return { pack: RulePackSchema.parse(defaultPack), custom: false };
    }
    try {
      return { pack: RulePackSchema.parse(JSON.parse(raw)), custom: true };
    } catch (error) {
      // Never run without rules because of one bad file: keep it for the team to look at.
      log.warn('rules.json is not a valid rule pack; using the built-in rules (the file is kept as rules.invalid.json)', error);
      await rename(this.file, join(this.home, 'rules.invalid.json')).catch(() => undefined);
      return { pack: RulePackSchema.parse(defaultPack), custom: false };
    }
  }

  async save(pack: RulePack): Promise<Result<void>> {
    try {
      await mkdir(this.home, { recursive: true, mode: 0o700 });
      await this.writes.run(() => writeFileAtomic(this.file, JSON.stringify(pack, null, 2), 0o644));
      return ok(undefined);
    } catch (error) {
      log.error('could not save rules.json', error);
      return fail('internal', 'The rules could not be saved on this computer.', { fields: { reason: 'rules_write' } });
    }
  }

  async reset(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
