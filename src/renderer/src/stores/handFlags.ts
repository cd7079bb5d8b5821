// Hand flags: a moderator flags a message triage missed ("Flag…" on any message shown, key x). The item
// opens here at once; on a team, the flag goes to the team ledger, and every console opens the same item
// when the record arrives, marked with who flagged it. The ledger's flags are also the team's misses the
// rules learn from (features/rules/decisions.ts).
import { create } from 'zustand';
import { LOCAL_MARK, type HandFlagCategory, type HandFlagMark } from '@shared/domain/handFlags';
import type { ChatEvent } from '@shared/domain/model';
import type { HandFlag } from '@shared/team';
import { applyHandFlags, handFlagsToApply, type HandFlagInput } from '../db/handFlags';
import { getDb } from '../db/instance';
import { inStoreOrder, onBatchStored } from '../sync';
import { useInbox } from './inbox';
import { useModeration } from './moderation';
import { useSources } from './sources';
import { useTeam } from './team';

/** A message as a view shows it: enough to open its item and to tell the other consoles what it said. */
export type FlagTarget = Pick<ChatEvent, 'id' | 'sourceId' | 'platform' | 'spaceId' | 'channelId' | 'channelName' | 'messageId' | 'ts' | 'text' | 'author'>;

export type FlagOutcome = 'shared' | 'local' | 'failed';

interface HandFlagStore {
  /** The message whose flag form is open (one at a time, in whichever view shows it). */
  formFor: string | undefined;
  /** Messages flagged from this console in this session, by event id (the item may still be on its way). */
  flagged: ReadonlyMap<string, FlagOutcome>;
  openForm(eventId: string | undefined): void;
  flag(target: FlagTarget, category: HandFlagCategory, note: string): Promise<FlagOutcome>;
}

function sourceFor(platform: string, spaceId: string): string | undefined {
  return useSources.getState().sources.find((s) => s.platform === platform && s.spaces.some((sp) => sp.id === spaceId))?.id;
}

async function apply(inputs: readonly HandFlagInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const res = await inStoreOrder(() => applyHandFlags(getDb(), inputs, sourceFor));
  useInbox.getState().applyItems(res.items, res.newItemIds);
  return res.waiting;
}

export const useHandFlags = create<HandFlagStore>()((set, get) => ({
  formFor: undefined,
  flagged: new Map(),
  openForm(eventId) {
    set({ formFor: eventId });
  },
  async flag(target, category, note) {
    const view = useTeam.getState().view;
    const name = (view?.state.roster[view.me.key]?.name ?? view?.me.name ?? useModeration.getState().moderatorName).trim() || '?';
    const trimmed = note.trim();
    const mark: HandFlagMark = { id: `${LOCAL_MARK}${crypto.randomUUID()}`, key: view?.me.key ?? 'local', name: name.slice(0, 100), at: Date.now(), category, ...(trimmed ? { note: trimmed.slice(0, 300) } : {}) };
    const message = {
      ev: target.id,
      p: target.platform,
      space: target.spaceId,
      channel: target.channelId,
      msg: target.messageId ?? '',
      text: target.text ?? '',
      ...(target.author ? { author: { id: target.author.id, name: (target.author.displayName ?? target.author.name).slice(0, 200) } } : {}),
      ...(target.channelName ? { chName: target.channelName.slice(0, 200) } : {}),
      ts: target.ts,
    };
    let outcome: FlagOutcome = 'local';
    try {
      // Here at once, through this console's own connection to the message's space.
      await apply([{ mark, ...message }]);
      if (view?.standing === 'member' && message.msg) {
        const request = { ...message, cat: category, ...(mark.note ? { note: mark.note } : {}) };
        outcome = (await useTeam.getState().run('team.flag', request)) ? 'shared' : 'failed';
      }
    } catch (err) {
      console.warn('Could not flag the message', err);
      outcome = 'failed';
    }
    set({ flagged: new Map(get().flagged).set(target.id, outcome), formFor: get().formFor === target.id ? undefined : get().formFor });
    return outcome;
  },
}));

/** The ledger's hand flags this page applied (or found applied); the rest wait for their message or connection. */
const applied = new Set<string>();
let running: Promise<void> | undefined;
let again = false;

function inputOf(flag: HandFlag, name: string): HandFlagInput {
  const mark: HandFlagMark = { id: flag.id, key: flag.by, name: name.slice(0, 100), at: flag.at, category: flag.cat, ...(flag.note ? { note: flag.note } : {}) };
  return { mark, ev: flag.ev, p: flag.p, space: flag.space, channel: flag.channel, msg: flag.msg, text: flag.text, author: flag.author, chName: flag.chName, ts: flag.ts };
}

/** Opens or marks the items of the ledger's hand flags not applied yet; runs one pass at a time. */
function catchUp(): void {
  if (running) {
    again = true;
    return;
  }
  running = (async () => {
    do {
      again = false;
      const view = useTeam.getState().view;
      if (!view) return;
      const fresh = handFlagsToApply(view.state.handFlags ?? [], applied, Date.now());
      if (fresh.length === 0) return;
      const waiting = new Set(await apply(fresh.map((f) => inputOf(f, view.state.roster[f.by]?.name ?? '?'))));
      for (const f of fresh) if (!waiting.has(f.id)) applied.add(f.id);
    } while (again);
  })()
    .catch((err: unknown) => console.warn('Could not apply the team’s hand flags', err))
    .finally(() => {
      running = undefined;
    });
}

let started = false;

/** Follows the team ledger's hand flags (and retries waiting ones after each stored batch). */
export function startHandFlagSync(): void {
  if (started) return;
  started = true;
  useTeam.subscribe((state, prev) => {
    if (state.view?.state.handFlags !== prev.view?.state.handFlags) catchUp();
  });
  onBatchStored(() => {
    const flags = useTeam.getState().view?.state.handFlags ?? [];
    if (handFlagsToApply(flags, applied, Date.now()).length > 0) catchUp();
  });
  catchUp();
}
