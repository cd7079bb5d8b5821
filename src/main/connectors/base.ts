// What every connector does the same way, whatever its platform: its connection state and the
// listeners told about it and about events, and the timer that tries a failed start again.
// Each platform's client.ts extends it and adds only what its platform needs.
import { ChatEventSchema } from '@shared/domain/model';
import type { ConnectionState, SourceInfo } from '@shared/domain/model';
import { fail } from '@shared/domain/result';
import type { ErrorFields, Result } from '@shared/domain/result';
import type { ActionIntent } from '@shared/domain/actions';
import type { ConfirmedAction, Connector, RawEvent } from '../core/connector';
import { logger } from '../util/log';

const log = logger('connector');

/**
 * Whether an event is one the contract accepts. One it refuses would make the renderer drop the whole
 * batch it travels in (hundreds of members' messages), so a shape no normalizer foresaw is skipped
 * instead, with a debug line that names the fields at fault, never their values (message text, names).
 */
export function admissible(event: RawEvent): boolean {
  const checked = ChatEventSchema.safeParse(event);
  if (checked.success) return true;
  const where = [...new Set(checked.error.issues.map((i) => i.path.join('.') || '(event)'))].slice(0, 5).join(', ');
  log.debug(`skipped a ${String(event.platform)} ${String(event.kind)} event the contract refuses (${where})`);
  return false;
}

/**
 * Hands an event to each listener; one that throws is logged (the error's kind, never the event's text)
 * and the others still get it. A throw must not travel back into the platform library: discord.js would
 * turn it into an unhandled rejection (main stops), gramjs would drop the rest of the update container
 * after its pts had moved on, Baileys the rest of its event buffer.
 */
export function deliver(listeners: ReadonlyArray<(event: RawEvent) => void>, event: RawEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      log.warn(`a ${String(event.platform)} ${String(event.kind)} event could not be taken in (${error instanceof Error ? error.name : typeof error})`);
    }
  }
}

/** The events of a list the contract accepts (catch-up, context), each other one skipped as above. */
export function admissibleOnly(events: readonly RawEvent[]): RawEvent[] {
  return events.filter(admissible);
}

/**
 * What an action answers when the platform shows it was already done (a stale intent: the member
 * had left, the ban was lifted): a success the moderator is told about, never a second call.
 */
export function alreadyDone(kind: ActionIntent['kind'], detail: string): ConfirmedAction {
  return { kind, alreadyDone: true, detail };
}

/**
 * An action this platform has no counterpart for in the console (a WhatsApp group admin's promote,
 * invite reset or pin), refused as data: the renderer words `reason` (errors.reason.*).
 */
export function notOnThisPlatform(kind: 'promote' | 'demote' | 'resetInvite' | 'pin', platform: string): Result<never> {
  const reason = kind === 'pin' ? 'pin_with_announcement' : kind === 'resetInvite' ? 'no_invite_reset' : 'roles_on_platform';
  return fail('unsupported', `${platform}: ${kind} is not done from the console`, { fields: { reason } });
}

/** A WhatsApp group's removal of many participants in one request (the bulk ban's stand-in there), asked of another platform. */
export function whatsAppOnlyBulkRemove(platform: string): Result<never> {
  return fail('unsupported', `${platform}: removing many members in one request is WhatsApp's stand-in for a ban`, { fields: { reason: 'whatsapp_only_bulk_remove' } });
}

export abstract class ConnectorBase implements Pick<Connector, 'onEvent' | 'onInfo'> {
  protected state: ConnectionState = 'disconnected';
  protected stateDetail: string | undefined;
  protected stateFields: ErrorFields | undefined;
  /** Set by stop(): a retry already scheduled never starts a stopped connector. */
  protected stopped = false;
  private readonly eventListeners: Array<(event: RawEvent) => void> = [];
  private readonly infoListeners: Array<(info: SourceInfo) => void> = [];
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  abstract info(): SourceInfo;
  abstract start(): Promise<Result<SourceInfo>>;

  onEvent(listener: (event: RawEvent) => void): void {
    this.eventListeners.push(listener);
  }

  onInfo(listener: (info: SourceInfo) => void): void {
    this.infoListeners.push(listener);
  }

  protected setState(state: ConnectionState, detail?: string, fields?: ErrorFields): void {
    this.state = state;
    this.stateDetail = detail;
    this.stateFields = fields;
    this.infoChanged();
  }

  /** The source's info changed while its state stayed (a chat or topic learnt): tell the listeners. */
  protected infoChanged(): void {
    const info = this.info();
    for (const l of this.infoListeners) l(info);
  }

  /** The state, and its detail and fields when there are any, on the info a platform builds. */
  protected withState(info: Omit<SourceInfo, 'state'>): SourceInfo {
    const out: SourceInfo = { ...info, state: this.state };
    if (this.stateDetail) out.stateDetail = this.stateDetail;
    if (this.stateFields) out.stateFields = this.stateFields;
    return out;
  }

  protected publish(event: RawEvent): void {
    if (admissible(event)) deliver(this.eventListeners, event);
  }

  /**
   * Starts again after `delayMs()` unless stopped first; one retry at a time (`delayMs` is asked only
   * when a retry is scheduled, so a backoff grows once per retry). `unref`: the timer alone does not
   * keep the process alive.
   */
  protected scheduleRetry(delayMs: () => number, unref = false): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) void this.start();
    }, delayMs());
    if (unref) this.retryTimer.unref?.();
  }

  protected cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
