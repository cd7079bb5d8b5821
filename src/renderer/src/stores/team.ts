// Team store: the ledger state main folds (claims, roster, schedules, handoffs) and this console's
// standing, kept current by `team.changed`. Every team command goes through `run` here, which keeps
// the failure of each (shown by the view that sent it) instead of dropping it.
import { create } from 'zustand';
import type { ActionError } from '@shared/domain/result';
import type { CommandRequest, CommandResponse } from '@shared/ipc/contract';
import { TeamViewSchema, type TeamView } from '@shared/team';
import { getDb } from '../db/instance';
import { useInbox } from './inbox';
import { bridgeState, onBridgeState, send, subscribe } from '../ipc/client';
import { offerModeratorName, useModeration } from './moderation';

/** The team commands a moderator sends from a view; each answers with a Result. */
export type TeamCommand =
  | 'team.configure'
  | 'team.claim'
  | 'team.release'
  | 'team.resolve'
  | 'team.note'
  | 'team.shift'
  | 'team.handoff'
  | 'team.ack'
  | 'team.schedule'
  | 'team.swap.offer'
  | 'team.swap.take'
  | 'team.swap.cancel'
  | 'team.roster.approve'
  | 'team.roster.remove'
  | 'posts.plan'
  | 'posts.cancel'
  | 'posts.sendLate'
  | 'posts.skip'
  | 'posts.event'
  | 'posts.edit'
  | 'team.rules.change'
  | 'team.rules.undo'
  | 'team.person.link'
  | 'team.person.unlink'
  | 'team.nominate'
  | 'team.page'
  | 'team.page.ack'
  | 'team.flag';

export type TeamFailure = Pick<ActionError, 'code'> & Partial<Pick<ActionError, 'fields' | 'retryAfterMs'>>;

interface TeamStore {
  view: TeamView | undefined;
  /** Items whose claim this console has sent and not yet seen settled. */
  claiming: ReadonlySet<string>;
  /** The last failure of each command, until it next succeeds (or the moderator dismisses it). */
  failures: Partial<Record<TeamCommand, TeamFailure>>;
  set(view: TeamView): void;
  /** Sends a team command; true when main accepted it. A failure is kept in `failures`, never dropped. */
  run<N extends TeamCommand>(name: N, request: CommandRequest<N>): Promise<boolean>;
  /** The id of the plan this console's last `posts.plan` wrote (for what follows it, e.g. its Discord event). */
  lastPlanId?: string;
  dismiss(name: TeamCommand): void;
  /** Links an account to a person (a new one when none is given); answers the person's id, or undefined on failure (kept in `failures`). */
  linkPerson(request: CommandRequest<'team.person.link'>): Promise<string | undefined>;
  claim(item: string, label?: string): Promise<void>;
  release(item: string): Promise<void>;
  /** Tells every console the item is done: its claim ends everywhere (whoever held it). */
  resolve(item: string, outcome: string): Promise<void>;
}

export const useTeam = create<TeamStore>()((set, get) => ({
  view: undefined,
  claiming: new Set(),
  failures: {},
  set(view) {
    set({ view });
    if (view.me.name) offerModeratorName(view.me.name);
  },
  async run(name, request) {
    let failure: TeamFailure | undefined;
    try {
      const result = (await send(name, request)) as CommandResponse<TeamCommand>;
      if (result.ok) {
        if (name === 'team.configure') {
          const before = get().view?.me.name;
          const view = (result as CommandResponse<'team.configure'> & { ok: true }).value;
          // A renamed moderator signs new cases with the new name too, unless they typed another one here.
          const typed = useModeration.getState().moderatorName.trim();
          if (view.me.name && (!typed || typed === before)) void useModeration.getState().setModeratorName(view.me.name);
          get().set(view);
        }
        if (name === 'posts.plan') set({ lastPlanId: (result as CommandResponse<'posts.plan'> & { ok: true }).value.id });
      } else {
        const { code, fields, retryAfterMs } = result.error;
        failure = { code, ...(fields ? { fields } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
      }
    } catch (err) {
      console.warn(`${name} did not reach the console`, err);
      failure = { code: 'offline', fields: { reason: 'unreachable' } };
    }
    const { [name]: _previous, ...rest } = get().failures;
    set({ failures: failure ? { ...rest, [name]: failure } : rest });
    return !failure;
  },
  async linkPerson(request) {
    let person: string | undefined;
    let failure: TeamFailure | undefined;
    try {
      const result = await send('team.person.link', request);
      if (result.ok) person = result.value.person;
      else failure = { code: result.error.code, ...(result.error.fields ? { fields: result.error.fields } : {}) };
    } catch (err) {
      console.warn('team.person.link did not reach the console', err);
      failure = { code: 'offline', fields: { reason: 'unreachable' } };
    }
    const { 'team.person.link': _previous, ...rest } = get().failures;
    set({ failures: failure ? { ...rest, 'team.person.link': failure } : rest });
    return person;
  },
  dismiss(name) {
    const { [name]: _gone, ...rest } = get().failures;
    set({ failures: rest });
  },
  async claim(item, label) {
    const view = get().view;
    if (!view || view.standing !== 'member' || view.state.claims[item] || get().claiming.has(item)) return;
    set({ claiming: new Set([...get().claiming, item]) });
    try {
      await get().run('team.claim', label ? { item, label: label.slice(0, 200) } : { item });
    } finally {
      const claiming = new Set(get().claiming);
      claiming.delete(item);
      set({ claiming });
    }
  },
  async release(item) {
    await get().run('team.release', { item });
  },
  async resolve(item, outcome) {
    const view = get().view;
    if (!view || view.standing !== 'member' || view.state.resolved[item]) return;
    await get().run('team.resolve', { item, outcome: outcome.slice(0, 200) });
  },
}));

/** Items this console has already announced as resolved in this session (one ledger record each). */
const announced = new Set<string>();

/**
 * A claim ends when its item is resolved here — by this console's action, a dismissal, or a moderator in
 * the platform's own app: the `resolve` record releases it on every console, so no handoff lists it.
 * Only claimed items are announced: the ledger is a staff channel, not a log of every resolution.
 */
function settleClaims(): void {
  const view = useTeam.getState().view;
  if (!view || view.standing !== 'member') return;
  const { byId } = useInbox.getState();
  for (const claim of Object.values(view.state.claims)) {
    const item = byId.get(claim.item);
    if (!item || item.status !== 'resolved' || announced.has(item.id)) continue;
    announced.add(item.id);
    const outcome = item.outcome?.kind ?? 'resolved';
    useTeam
      .getState()
      .resolve(item.id, outcome)
      .catch(() => {
        // Offline or refused: the next change (or reconnect) tries again.
        announced.delete(item.id);
      });
  }
}

let started = false;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

function remember(view: TeamView) {
  useTeam.getState().set(view);
  if (saveTimer) return;
  // Claims can change many times a second in a busy hour; one write per second is plenty for a cache.
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    const latest = useTeam.getState().view;
    if (latest) void getDb().team.put({ key: 'view', view: latest, savedAt: Date.now() }).catch(() => undefined);
  }, 1_000);
}

/**
 * Follows main's team view: listens to `team.changed` and asks for the whole view each time the link
 * to main (re)connects. Safe to call from every component that needs it.
 */
export function startTeamSync(): void {
  if (started) return;
  started = true;
  subscribe('team.changed', (view) => remember(view));
  useInbox.subscribe((state, prev) => {
    if (state.byId !== prev.byId) settleClaims();
  });
  useTeam.subscribe((state, prev) => {
    if (state.view !== prev.view) settleClaims();
  });
  // What main said last time, until it answers: the team does not vanish while main is out of reach.
  getDb()
    .team.get('view')
    .then((row) => {
      const parsed = row && TeamViewSchema.safeParse(row.view);
      if (parsed?.success && !useTeam.getState().view) useTeam.getState().set(parsed.data);
    })
    .catch(() => undefined);
  const load = () => {
    send('team.state', {})
      .then((view) => remember(view))
      .catch(() => undefined); // offline again: the next connect loads it
  };
  onBridgeState((state) => {
    if (state === 'connected') load();
  });
  if (bridgeState() === 'connected') load();
}

export function memberName(view: TeamView | undefined, key: string | undefined): string {
  if (!view || !key) return '?';
  return view.state.roster[key]?.name ?? `${key.slice(0, 6)}…`;
}

export type HandoffDraft = CommandRequest<'team.handoff'>;
