// Scheduled announcements (issue 19): plans live on the team ledger; every running console looks at
// them on a timer, and for each slot that is due and that it can reach, claims it on the ledger. The
// first claim in platform order sends, so two consoles running at the time post once; the send runs
// through the action executor's journal with keys derived from the slot, so a retried send carries the
// same Discord nonce / Telegram random_id. A slot nobody sent in time waits for a moderator's word.
import { createHash, randomUUID } from 'node:crypto';
import { announcementIntents } from '@shared/announce/compose';
import { openSlots } from '@shared/announce/schedule';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import type { CommandHandlers } from '@shared/ipc/contract';
import type { ActionIntent, ActionReceipt } from '@shared/domain/actions';
import type { ScheduledPost } from '@shared/team';
import type { ActionExecutor } from '../actions/executor';
import type { Connector } from '../core/connector';
import { logger } from '../util/log';
import type { TeamLedger } from './ledger';

const log = logger('posts');

export interface PostSchedulerOptions {
  ledger: TeamLedger;
  connectors(): Connector[];
  executor: ActionExecutor;
  now?: () => number;
  /** How often due posts are looked for. */
  tickMs?: number;
  /** How late a post still goes out without asking (tests shorten it). */
  graceMs?: number;
}

/** A v5-shaped uuid from a name: the same slot and part always get the same idempotency key. */
export function keyFor(name: string): string {
  const hex = createHash('sha256').update(`tribekeeper-post/1\n${name}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The actions one slot of a plan sends through `connector` (its parts in the target's language). `suffix`
 * tells an edit's keys from the first sending's, so an edit is a new action, once per revision.
 */
function slotIntents(post: ScheduledPost, slot: string, target: ScheduledPost['targets'][number], connector: Connector, pin: boolean, suffix: string): ReturnType<typeof announcementIntents> {
  let part = 0;
  return announcementIntents({
    announcementId: keyFor(`${post.id}|${slot}`),
    draft: post.text,
    versions: (post.versions ?? []).map((v) => ({ lang: v.lang, draft: v.text })),
    targets: [{ sourceId: connector.sourceId, platform: target.p, spaceId: target.space, channelId: target.channel, ...(target.lang ? { language: target.lang } : {}) }],
    pin,
    newKey: () => keyFor(`${post.id}|${slot}|${part++}${suffix}`),
  });
}

export class PostScheduler {
  private timer: ReturnType<typeof setInterval> | undefined;
  private ticking: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: PostSchedulerOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.options.tickMs ?? 15_000);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** One look at every plan; overlapping ticks wait for the one running. */
  tick(): Promise<void> {
    this.ticking ??= this.sendDue().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  /** The ready connection of this console that reaches a target's space, if any. */
  private reach(target: ScheduledPost['targets'][number]): Connector | undefined {
    return this.options.connectors().find((c) => {
      const info = c.info();
      return info.platform === target.p && info.state === 'ready' && info.spaces.some((s) => s.id === target.space);
    });
  }

  private async sendDue(): Promise<void> {
    const { ledger } = this.options;
    if (!ledger.canAct()) return;
    for (const post of Object.values(ledger.current().posts ?? {})) {
      for (const slot of openSlots(post, this.now(), this.options.graceMs).due) {
        const target = post.targets[slot.target];
        if (!target || !this.reach(target)) continue;
        await this.claimAndSend(post.id, slot.slot, false);
      }
    }
    await this.editSent();
  }

  /**
   * Slots this console sent whose plan was edited since: each is edited in place with the new text,
   * once per edit (keys from the plan, slot, part and edit number), and the outcome told to the team.
   */
  private async editSent(): Promise<void> {
    const { ledger } = this.options;
    const me = ledger.publicKey();
    for (const post of Object.values(ledger.current().posts ?? {})) {
      const rev = post.rev ?? 0;
      if (rev === 0) continue;
      for (const [slot, state] of Object.entries(post.slots)) {
        if (state.by !== me || !state.sent?.ok || (state.edited?.rev ?? 0) >= rev) continue;
        const target = post.targets[Number(slot.split(':')[0])];
        const connector = target && this.reach(target);
        // Waits for this console's connection to that space (the message ids are in its journal).
        if (!target || !connector) continue;
        const edited = await this.editSlot(post, slot, connector);
        if (edited === 'wait') continue;
        const written = await ledger.record(edited === 'ok' ? { t: 'post-edited', id: post.id, slot, rev, ok: true } : { t: 'post-edited', id: post.id, slot, rev, ok: false, code: edited.slice(0, 40) });
        if (!written.ok) log.warn(`the edit of ${post.id} ${slot} was not told to the team: ${written.error.code}`);
      }
    }
  }

  /** Edits the messages one slot posted to the plan's current text: 'ok', 'wait' (try later), or why not (a reason code). */
  private async editSlot(post: ScheduledPost, slot: string, connector: Connector): Promise<'ok' | 'wait' | string> {
    const target = post.targets[Number(slot.split(':')[0])]!;
    const rev = post.rev ?? 0;
    const posted: string[] = [];
    for (let part = 0; ; part++) {
      const receipt = await this.options.executor.receipt(keyFor(`${post.id}|${slot}|${part}`));
      if (!receipt?.createdMessageId) break;
      posted.push(receipt.createdMessageId);
    }
    // Sent by this console, but its journal no longer has the message ids.
    if (posted.length === 0) return 'not_known';
    const intents = slotIntents(post, slot, target, connector, false, `|edit|${rev}`);
    // A message is edited in place; a text that now takes another number of messages cannot be.
    if (intents.length !== posted.length) return 'parts_changed';
    for (const [i, intent] of intents.entries()) {
      const edit: ActionIntent = {
        key: intent.key,
        kind: 'edit',
        sourceId: intent.sourceId,
        platform: intent.platform,
        spaceId: intent.spaceId,
        channelId: intent.channelId,
        messageId: posted[i]!,
        text: intent.text,
        ...(intent.entities ? { entities: intent.entities } : {}),
        announcementId: intent.announcementId,
      };
      const reconcile = connector.reconcile?.bind(connector);
      const result = await this.options.executor.execute(edit, { run: (a) => connector.execute(a), ...(reconcile ? { reconcile } : {}), ready: () => connector.info().state === 'ready' });
      if (!result.ok) {
        if (result.error.retryable || result.error.code === 'offline' || result.error.code === 'in_doubt') return 'wait';
        const reason = result.error.fields?.reason;
        return typeof reason === 'string' ? reason : result.error.code;
      }
    }
    return 'ok';
  }

  /** Claims a slot on the ledger; sends it only when this console's claim came first. */
  private async claimAndSend(id: string, slot: string, late: boolean): Promise<Result<{ pending: boolean }>> {
    const { ledger } = this.options;
    const claimed = await ledger.record(late ? { t: 'post-claim', id, slot, late: true } : { t: 'post-claim', id, slot });
    if (!claimed.ok) return claimed;
    if (claimed.value.pending) return claimed;
    const post = ledger.current().posts?.[id];
    const state = post?.slots[slot];
    if (!post || !state || state.by !== ledger.publicKey() || state.sent || state.skipped) return ok({ pending: false });
    const sent = await this.send(post, slot);
    const code = sent.ok ? undefined : sent.error.code;
    return ledger.record(code ? { t: 'post-sent', id, slot, ok: false, code: code.slice(0, 40) } : { t: 'post-sent', id, slot, ok: true });
  }

  private async send(post: ScheduledPost, slot: string): Promise<Result<void>> {
    const target = post.targets[Number(slot.split(':')[0])];
    const connector = target && this.reach(target);
    if (!target || !connector) return fail('offline', 'This console has no ready connection to that space.');
    const intents = slotIntents(post, slot, target, connector, post.pin, '');
    for (const intent of intents) {
      const reconcile = connector.reconcile?.bind(connector);
      const result = await this.options.executor.execute(intent, {
        run: (a) => connector.execute(a),
        ...(reconcile ? { reconcile } : {}),
        ready: () => connector.info().state === 'ready',
      });
      if (!result.ok) {
        log.warn(`scheduled post ${post.id} ${slot} failed: ${result.error.code}`);
        return result;
      }
    }
    return ok(undefined);
  }

  /**
   * A Discord event action this console confirmed for a plan (from the renderer's outbox or from
   * `posts.event`): told to the team ledger, so every console sees the event and can change it.
   */
  async eventConfirmed(action: ActionIntent, receipt: Pick<ActionReceipt, 'createdMessageId'>): Promise<void> {
    if (action.kind !== 'event' || !action.planId || !receipt.createdMessageId) return;
    const { ledger } = this.options;
    const post = ledger.current().posts?.[action.planId];
    if (!post || !ledger.canAct()) return;
    const event = receipt.createdMessageId;
    const known = post.events?.[event];
    const written =
      action.op === 'create'
        ? known
          ? undefined
          : await ledger.record({ t: 'post-event', id: post.id, event, space: action.spaceId, channel: action.channelId, entity: action.entity, name: action.name, start: action.start })
        : known && !known.cancelled
          ? await ledger.record(
              action.op === 'cancel'
                ? { t: 'post-event-change', id: post.id, event, cancelled: true }
                : { t: 'post-event-change', id: post.id, event, ...(action.name !== known.name ? { name: action.name } : {}), ...(action.start !== known.start ? { start: action.start } : {}) },
            )
          : undefined;
    if (written && !written.ok) log.warn(`the team ledger did not take the event of plan ${post.id}: ${written.error.code}`);
  }

  /** Moves, renames or cancels a plan's Discord event through this console's connection to its server. */
  private async changeEvent(request: { id: string; event: string; op: 'update' | 'cancel'; name?: string | undefined; start?: number | undefined }): Promise<Result<{ pending: boolean }>> {
    const { ledger } = this.options;
    const post = ledger.current().posts?.[request.id];
    const event = post?.events?.[request.event];
    if (!post || !event) return fail('not_found', 'The team ledger knows no such event.');
    if (event.cancelled) return ok({ pending: false });
    const connector = this.reach({ p: 'discord', space: event.space, channel: event.channel });
    if (!connector) return fail('offline', 'This console has no ready connection to that Discord server.');
    const name = request.name ?? event.name;
    const start = request.start ?? event.start;
    const intent: ActionIntent = {
      // The same change of the same event is the same action: a repeat is found in the journal.
      key: keyFor(`${post.id}|event|${request.event}|${request.op}|${request.op === 'update' ? `${start}|${name}` : ''}`),
      kind: 'event',
      op: request.op,
      sourceId: connector.sourceId,
      platform: 'discord',
      spaceId: event.space,
      channelId: event.channel,
      eventId: request.event,
      name,
      start,
      entity: event.entity,
      planId: post.id,
    };
    const reconcile = connector.reconcile?.bind(connector);
    const result = await this.options.executor.execute(intent, { run: (a) => connector.execute(a), ...(reconcile ? { reconcile } : {}), ready: () => connector.info().state === 'ready' });
    if (!result.ok) return result;
    const before = ledger.current().posts?.[post.id]?.events?.[request.event];
    if (!before || before.cancelled) return ok({ pending: false });
    if (request.op === 'cancel') return ledger.record({ t: 'post-event-change', id: post.id, event: request.event, cancelled: true });
    if (name === before.name && start === before.start) return ok({ pending: false });
    return ledger.record({ t: 'post-event-change', id: post.id, event: request.event, ...(name !== before.name ? { name } : {}), ...(start !== before.start ? { start } : {}) });
  }

  handlers(): CommandHandlers<'posts'> {
    const { ledger } = this.options;
    return {
      'posts.plan': async ({ text, time, reminders, targets, pin, versions }) => {
        const id = randomUUID();
        const written = await ledger.record({
          t: 'post-plan',
          id,
          text,
          time,
          reminders,
          targets: targets.map((t) => ({ p: t.p, space: t.space, channel: t.channel, ...(t.zone ? { zone: t.zone } : {}), ...(t.lang ? { lang: t.lang } : {}) })),
          pin,
          ...(versions?.length ? { versions } : {}),
        });
        return written.ok ? ok({ id, pending: written.value.pending }) : written;
      },
      'posts.cancel': async ({ id }) => ledger.record({ t: 'post-cancel', id }),
      'posts.sendLate': async ({ id, slot }) => {
        const post = ledger.current().posts?.[id];
        if (!post || post.cancelled) return fail('not_found', 'That scheduled post is gone or cancelled.');
        if (post.slots[slot]) return ok({ pending: false });
        return this.claimAndSend(id, slot, true);
      },
      'posts.skip': async ({ id, slot }) => ledger.record({ t: 'post-skip', id, slot }),
      'posts.event': (request) => this.changeEvent(request),
      'posts.edit': async ({ id, text, versions }) => {
        const post = ledger.current().posts?.[id];
        if (!post || post.cancelled) return fail('not_found', 'That scheduled post is gone or cancelled.');
        const written = await ledger.record({ t: 'post-edit', id, text, ...(versions?.length ? { versions } : {}) });
        // What this console sent is edited at once (the others' at their next look).
        if (written.ok && !written.value.pending) void this.tick();
        return written;
      },
    };
  }
}
