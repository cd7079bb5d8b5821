// The community's rule pack in main: read from the console's home at start (the built-in default
// pack when there is none), checked and compiled before it replaces the running one, and written
// atomically so a crash mid-save never leaves a half pack behind.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import { createTriageEngine, defaultPack, RulePackSchema } from '@shared/triage';
import type { DomainLists, RulePack, TriageEngine } from '@shared/triage';
import { logger } from '../util/log';

const log = logger('rules');

export interface LoadedPack {
  pack: RulePack;
  /** False while the team runs the built-in pack unchanged. */
  custom: boolean;
}

/** Every problem of a pack in words, one per line, each naming where it is ("rules.3.trigger.terms"). */
export function packProblems(input: unknown, domains?: DomainLists): { pack?: RulePack; engine?: TriageEngine; problems: string[] } {
  const parsed = RulePackSchema.safeParse(input);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'pack'}: ${i.message}`) };
  const pack = parsed.data;
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const rule of pack.rules) {
    if (ids.has(rule.id)) problems.push(`rule ${rule.id}: two rules share this id`);
    ids.add(rule.id);
  }
  const engine = createTriageEngine({ pack, ...(domains ? { domains } : {}) });
  for (const p of engine.problems) problems.push(`rule ${p.rule}: ${p.problem}`);
  return problems.length > 0 ? { pack, problems } : { pack, engine, problems };
}

export class RulePackStore {
  private readonly file: string;

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
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, JSON.stringify(pack, null, 2));
      await rename(tmp, this.file);
      return ok(undefined);
    } catch (error) {
      log.error('could not save rules.json', error);
      return fail('internal', 'The rules could not be saved on this computer.');
    }
  }

  async reset(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
