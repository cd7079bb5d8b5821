// The rule editor's store: the saved pack, the moderator's draft (kept when leaving Rules, so edits
// never vanish), the selected rule, and every command to main (load, save, reset) with each result
// handled: a refused save comes back as structured problems, placed on the rule and field they name.
import { create } from 'zustand';
import type { Problem } from '@shared/domain/result';
// The schemas only (not '@shared/triage'): the draft notice outside Rules loads this without the engine.
import { RulePackSchema, RuleSchema, type Rule, type RulePack } from '@shared/triage/pack';
import { send } from '../../ipc/client';
import { unreachable, type ErrorLike } from '../../lib/format';
import { useKeptDrafts, whenDraftsRead } from '../replies/keptDrafts';

export type RuleKind = 'keywords' | 'regex' | 'link';

export type RulesStatus =
  | { kind: 'saved'; count: number }
  | { kind: 'imported'; count: number; file: string }
  | { kind: 'reset' }
  | { kind: 'notSaved'; error?: ErrorLike; problems: Problem[] }
  | { kind: 'importFailed'; file: string; problems: Problem[] }
  | { kind: 'loadFailed'; error: ErrorLike }
  | { kind: 'resetFailed'; error: ErrorLike }
  | undefined;

interface RulesState {
  saved: RulePack | undefined;
  draft: RulePack | undefined;
  custom: boolean;
  selectedId: string | undefined;
  status: RulesStatus;
  busy: boolean;
  /** Problems main found in the last save, per rule id, with paths inside the rule. */
  saveProblems: Record<string, Problem[]>;
  /** Rule ids whose JSON trigger text does not parse yet; the draft keeps the last good trigger. */
  brokenTriggers: Record<string, Problem[]>;
  load(): Promise<void>;
  select(id: string | undefined): void;
  /** Turns the learned model beside the rules on or off in the draft. */
  setModel(enabled: boolean): void;
  replaceRule(before: Rule, next: Rule): void;
  setTriggerProblems(id: string, problems: Problem[] | undefined): void;
  add(kind: RuleKind): void;
  remove(rule: Rule): void;
  save(): Promise<void>;
  reset(): Promise<void>;
  importPack(pack: RulePack, file: string): void;
  importFailed(file: string, problems: Problem[]): void;
  discard(): void;
}

export function isDirty(s: Pick<RulesState, 'draft' | 'saved'>): boolean {
  return !!s.draft && !!s.saved && JSON.stringify(s.draft) !== JSON.stringify(s.saved);
}

/** A fresh rule id that the pack does not use yet ("team.keywords-2"). */
export function freshRuleId(pack: RulePack, base: string): string {
  const ids = new Set(pack.rules.map((r) => r.id));
  if (!ids.has(base)) return base;
  for (let n = 2; ; n++) if (!ids.has(`${base}-${n}`)) return `${base}-${n}`;
}

function newRule(pack: RulePack, kind: RuleKind): Rule {
  return RuleSchema.parse({
    id: freshRuleId(pack, `team.${kind}`),
    category: kind === 'link' ? 'phishing' : 'custom',
    severity: 'medium',
    reason: kind === 'keywords' ? 'Team keyword: {match}' : kind === 'regex' ? 'Team pattern: {match}' : 'Team link check',
    trigger: kind === 'keywords' ? { type: 'keywords', terms: [] } : kind === 'regex' ? { type: 'regex', patterns: [] } : { type: 'link', check: 'shortener' },
  });
}

/** Main's problems (paths into the pack) placed on the rule they name, with paths inside that rule. */
export function problemsByRule(pack: RulePack, problems: readonly Problem[]): { byRule: Record<string, Problem[]>; pack: Problem[] } {
  const byRule: Record<string, Problem[]> = {};
  const rest: Problem[] = [];
  for (const p of problems) {
    const [top, index, ...inside] = p.path;
    const rule = top === 'rules' && typeof index === 'number' ? pack.rules[index] : undefined;
    if (rule) (byRule[rule.id] ??= []).push({ ...p, path: inside });
    else rest.push(p);
  }
  return { byRule, pack: rest };
}

const errorOf = (e: { code: ErrorLike['code']; fields?: ErrorLike['fields'] }): ErrorLike => ({ code: e.code, ...(e.fields ? { fields: e.fields } : {}) });

/** Where unsaved rule edits are kept on this computer (keptDrafts): across a reload, a crash or a restart. */
export const RULES_DRAFT = 'rules:pack';

/** The kept draft of the rule pack, when there is one that still reads as a pack and differs from the saved one. */
async function keptPack(saved: RulePack): Promise<RulePack | undefined> {
  await whenDraftsRead();
  const parsed = RulePackSchema.safeParse(useKeptDrafts.getState().drafts[RULES_DRAFT]);
  return parsed.success && JSON.stringify(parsed.data) !== JSON.stringify(saved) ? parsed.data : undefined;
}

export const useRules = create<RulesState>()((set, get) => ({
  saved: undefined,
  draft: undefined,
  custom: false,
  selectedId: undefined,
  status: undefined,
  busy: false,
  saveProblems: {},
  brokenTriggers: {},

  async load() {
    try {
      const got = await send('rules.get', {});
      // Edits of this tab first; else the ones kept on this computer from before a reload or restart.
      const keep = isDirty(get()) ? get().draft : await keptPack(got.pack);
      const draft = keep ?? got.pack;
      set({
        saved: got.pack,
        draft,
        custom: got.custom,
        ...(keep ? {} : { brokenTriggers: {}, saveProblems: {} }),
        selectedId: get().selectedId && draft.rules.some((r) => r.id === get().selectedId) ? get().selectedId : draft.rules[0]?.id,
      });
    } catch (err) {
      console.warn('rules.get did not reach the console', err);
      set({ status: { kind: 'loadFailed', error: unreachable() } });
    }
  },

  select: (selectedId) => set({ selectedId }),

  setModel(enabled) {
    const draft = get().draft;
    if (draft) set({ draft: { ...draft, model: { enabled } } });
  },

  replaceRule(before, next) {
    const { draft, saveProblems, brokenTriggers } = get();
    if (!draft) return;
    const renamed = next.id !== before.id;
    const move = <T,>(all: Record<string, T>): Record<string, T> => {
      if (!renamed || !(before.id in all)) return all;
      const { [before.id]: value, ...rest } = all;
      return { ...rest, [next.id]: value as T };
    };
    set({
      draft: { ...draft, rules: draft.rules.map((r) => (r === before ? next : r)) },
      saveProblems: move(saveProblems),
      brokenTriggers: move(brokenTriggers),
      ...(renamed ? { selectedId: next.id } : {}),
    });
  },

  setTriggerProblems(id, problems) {
    const { [id]: _gone, ...rest } = get().brokenTriggers;
    set({ brokenTriggers: problems && problems.length > 0 ? { ...rest, [id]: problems } : rest });
  },

  add(kind) {
    const draft = get().draft;
    if (!draft) return;
    const created = newRule(draft, kind);
    set({ draft: { ...draft, rules: [...draft.rules, created] }, selectedId: created.id });
  },

  remove(rule) {
    const draft = get().draft;
    if (!draft) return;
    const rules = draft.rules.filter((r) => r !== rule);
    set({ draft: { ...draft, rules }, selectedId: rules[0]?.id });
  },

  async save() {
    const { draft, busy, brokenTriggers } = get();
    if (!draft || busy) return;
    const broken = Object.entries(brokenTriggers).flatMap(([, problems]) => problems);
    if (broken.length > 0) {
      set({ status: { kind: 'notSaved', problems: [] } });
      return;
    }
    set({ busy: true });
    try {
      const result = await send('rules.save', { pack: draft });
      if (result.ok) {
        set({ saved: draft, custom: true, saveProblems: {}, status: { kind: 'saved', count: result.value.rules } });
      } else {
        const placed = problemsByRule(draft, result.error.problems ?? []);
        set({ saveProblems: placed.byRule, status: { kind: 'notSaved', error: errorOf(result.error), problems: placed.pack } });
        const first = Object.keys(placed.byRule)[0];
        if (first && !placed.byRule[get().selectedId ?? '']) set({ selectedId: first });
      }
    } catch (err) {
      console.warn('rules.save did not reach the console', err);
      set({ status: { kind: 'notSaved', error: unreachable(), problems: [] } });
    } finally {
      set({ busy: false });
    }
  },

  async reset() {
    try {
      const result = await send('rules.reset', {});
      if (!result.ok) {
        set({ status: { kind: 'resetFailed', error: errorOf(result.error) } });
        return;
      }
    } catch (err) {
      console.warn('rules.reset did not reach the console', err);
      set({ status: { kind: 'resetFailed', error: unreachable() } });
      return;
    }
    set({ draft: undefined, saved: undefined, brokenTriggers: {}, saveProblems: {} });
    useKeptDrafts.getState().drop(RULES_DRAFT);
    await get().load();
    set({ status: { kind: 'reset' } });
  },

  importPack(pack, file) {
    set({ draft: pack, brokenTriggers: {}, saveProblems: {}, selectedId: pack.rules[0]?.id, status: { kind: 'imported', count: pack.rules.length, file } });
  },

  importFailed(file, problems) {
    set({ status: { kind: 'importFailed', file, problems } });
  },

  discard() {
    const saved = get().saved;
    set({ draft: saved, brokenTriggers: {}, saveProblems: {}, status: undefined, selectedId: saved && get().selectedId && saved.rules.some((r) => r.id === get().selectedId) ? get().selectedId : saved?.rules[0]?.id });
  },
}));

// Every change of the draft is kept on this computer while it differs from the saved pack; saved,
// discarded or reset, it is dropped. Nothing is decided before the saved pack is known.
useRules.subscribe((s, prev) => {
  if (!s.saved || (s.draft === prev.draft && s.saved === prev.saved)) return;
  const kept = useKeptDrafts.getState();
  if (isDirty(s)) kept.put(RULES_DRAFT, s.draft);
  else if (RULES_DRAFT in kept.drafts) kept.drop(RULES_DRAFT);
});
