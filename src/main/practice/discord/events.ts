// Guild scheduled events as Discord keeps them: created for a voice or stage channel (or a place
// outside Discord), started, completed or cancelled, each change sent as GUILD_SCHEDULED_EVENT_*
// to clients with the GuildScheduledEvents intent. Rules from Discord's documentation: a start in
// the past is refused; an external event needs a location and an end; a finished or cancelled event
// cannot change any more; status moves only SCHEDULED → ACTIVE → COMPLETED, or SCHEDULED → CANCELED.
import {
  GatewayIntentBits as I,
  GuildScheduledEventEntityType as Entity,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus as Status,
  type APIGuildScheduledEvent,
} from 'discord-api-types/v10';
import { z } from 'zod';
import type { ChannelRecord } from './community';
import { invalidForm, SimApiError } from './apiErrors';
import type { DispatchView } from './gateway';
import type { SnowflakeMint } from './random';

export interface ScheduledEventRecord {
  id: string;
  channelId: string | null;
  creatorId: string;
  name: string;
  description: string | null;
  start: number;
  end: number | null;
  status: Status;
  entityType: Entity;
  location: string | null;
}

const id = z.string().regex(/^\d{1,20}$/);
export const CreateEventBody = z.object({
  name: z.string().min(1).max(100),
  description: z.string().max(1000).nullable().optional(),
  scheduled_start_time: z.string(),
  scheduled_end_time: z.string().nullable().optional(),
  privacy_level: z.literal(GuildScheduledEventPrivacyLevel.GuildOnly),
  entity_type: z.enum(Entity),
  channel_id: id.nullable().optional(),
  entity_metadata: z.object({ location: z.string().min(1).max(100).optional() }).nullable().optional(),
  image: z.string().nullable().optional(),
  recurrence_rule: z.unknown().optional(),
});
export const EditEventBody = CreateEventBody.partial().extend({ status: z.enum(Status).optional() });

const has = (intents: number, bit: number) => (intents & bit) !== 0;
const SCHEDULED_PAST = () => invalidForm({ scheduled_start_time: { _errors: [{ code: 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST', message: 'Cannot schedule event in the past.' }] } });

function time(raw: string, field: string): number {
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw invalidForm({ [field]: { _errors: [{ code: 'DATE_TIME_TYPE_PARSE', message: 'Could not parse the date.' }] } });
  return at;
}

export class PracticeScheduledEvents {
  readonly events = new Map<string, ScheduledEventRecord>();

  constructor(
    private readonly guildId: string,
    private readonly mint: SnowflakeMint,
    private readonly channel: (id: string) => ChannelRecord,
    private readonly emit: (t: string, view: DispatchView) => void,
    private readonly now: () => number,
  ) {}

  json(e: ScheduledEventRecord): APIGuildScheduledEvent {
    return {
      id: e.id,
      guild_id: this.guildId,
      channel_id: e.channelId,
      creator_id: e.creatorId,
      name: e.name,
      description: e.description,
      scheduled_start_time: new Date(e.start).toISOString(),
      scheduled_end_time: e.end === null ? null : new Date(e.end).toISOString(),
      privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
      status: e.status,
      entity_type: e.entityType,
      entity_id: null,
      entity_metadata: e.location === null ? null : { location: e.location },
      user_count: 0,
      image: null,
      recurrence_rule: null,
    } as APIGuildScheduledEvent;
  }

  get(eventId: string): ScheduledEventRecord {
    const event = this.events.get(eventId);
    if (!event) throw new SimApiError(404, 10070, 'Unknown Guild Scheduled Event');
    return event;
  }

  /** The entity's channel must be of its kind: a voice event in a voice channel, a stage event on a stage. */
  private checkEntity(entityType: Entity, channelId: string | null | undefined, location: string | null | undefined, end: number | null): void {
    if (entityType === Entity.External) {
      if (!location) throw invalidForm({ entity_metadata: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } });
      if (end === null) throw invalidForm({ scheduled_end_time: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } });
      return;
    }
    if (!channelId) throw invalidForm({ channel_id: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } });
    const wanted = entityType === Entity.StageInstance ? 'stage' : 'voice';
    if (this.channel(channelId).voice !== wanted) throw invalidForm({ channel_id: { _errors: [{ code: 'CHANNEL_TYPE_INVALID', message: `Not a ${wanted} channel.` }] } });
  }

  create(creatorId: string, body: z.infer<typeof CreateEventBody>): ScheduledEventRecord {
    const start = time(body.scheduled_start_time, 'scheduled_start_time');
    const end = body.scheduled_end_time ? time(body.scheduled_end_time, 'scheduled_end_time') : null;
    if (start < this.now()) throw SCHEDULED_PAST();
    if (end !== null && end <= start) throw invalidForm({ scheduled_end_time: { _errors: [{ code: 'GUILD_SCHEDULED_EVENT_END_BEFORE_START', message: 'The end must be after the start.' }] } });
    const location = body.entity_metadata?.location ?? null;
    this.checkEntity(body.entity_type, body.channel_id, location, end);
    const event: ScheduledEventRecord = {
      id: this.mint.now(this.now()),
      channelId: body.entity_type === Entity.External ? null : (body.channel_id ?? null),
      creatorId,
      name: body.name,
      description: body.description ?? null,
      start,
      end,
      status: Status.Scheduled,
      entityType: body.entity_type,
      location: body.entity_type === Entity.External ? location : null,
    };
    this.events.set(event.id, event);
    this.dispatch('GUILD_SCHEDULED_EVENT_CREATE', event);
    return event;
  }

  edit(eventId: string, body: z.infer<typeof EditEventBody>): ScheduledEventRecord {
    const event = this.get(eventId);
    if (event.status === Status.Completed || event.status === Status.Canceled) {
      throw new SimApiError(400, 180000, 'Cannot update a finished or cancelled event');
    }
    const next = { ...event };
    if (body.name !== undefined) next.name = body.name;
    if (body.description !== undefined) next.description = body.description;
    if (body.scheduled_start_time !== undefined) {
      next.start = time(body.scheduled_start_time, 'scheduled_start_time');
      if (event.status === Status.Scheduled && next.start < this.now()) throw SCHEDULED_PAST();
    }
    if (body.scheduled_end_time !== undefined) next.end = body.scheduled_end_time ? time(body.scheduled_end_time, 'scheduled_end_time') : null;
    if (body.entity_type !== undefined) next.entityType = body.entity_type;
    if (body.channel_id !== undefined) next.channelId = body.channel_id;
    if (body.entity_type !== undefined || body.channel_id !== undefined) this.checkEntity(next.entityType, next.channelId, body.entity_metadata?.location ?? next.location, next.end);
    if (body.status !== undefined && body.status !== event.status) {
      const allowed = event.status === Status.Scheduled ? [Status.Active, Status.Canceled] : [Status.Completed];
      if (!allowed.includes(body.status)) throw invalidForm({ status: { _errors: [{ code: 'GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION', message: 'Invalid status transition.' }] } });
      next.status = body.status;
    }
    this.events.set(eventId, next);
    this.dispatch('GUILD_SCHEDULED_EVENT_UPDATE', next);
    return next;
  }

  remove(eventId: string): void {
    const event = this.get(eventId);
    this.events.delete(eventId);
    this.dispatch('GUILD_SCHEDULED_EVENT_DELETE', event);
  }

  private dispatch(t: string, event: ScheduledEventRecord): void {
    const data = this.json(event);
    this.emit(t, (intents) => (has(intents, I.GuildScheduledEvents) ? data : null));
  }
}
