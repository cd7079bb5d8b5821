// Team ledger records (issue 7): the small signed statements moderators' consoles post into the staff
// channel, their wire form inside a platform message, and the bytes a signature covers.
import { z } from 'zod';
import { EventTimeSchema, ReminderSchema } from '../announce/recurrence';
import { LanguageTagSchema } from '../announce/languages';
import { RuleChangeSchema } from '../triage/changes';
import { HAND_FLAG_NOTE_MAX, HAND_FLAG_TEXT_MAX, HandFlagCategorySchema } from '../domain/handFlags';

export { HAND_FLAG_NOTE_MAX, HAND_FLAG_TEXT_MAX, HandFlagCategorySchema, type HandFlagCategory } from '../domain/handFlags';
import { canonicalJson } from './canonical';

/** An Ed25519 public key, raw 32 bytes as base64url: the moderator's identity on the ledger. */
export const PublicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a public key');
export type PublicKey = z.infer<typeof PublicKeySchema>;

export const SignatureSchema = z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'not a signature');

const itemId = z.string().min(1).max(400);
const shortText = z.string().max(200);
const zone = z.string().min(1).max(64);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const time = z.number().int().nonnegative();
const postId = z.string().regex(/^[A-Za-z0-9-]{8,40}$/);
/** `target index:occurrence ms:reminder`: one post of a plan to one target. */
const postSlot = z.string().regex(/^\d{1,2}:\d{1,15}:(24h|1h|start)$/);

/** A platform account, the same on every console: platform and the platform's own member id. */
export const AccountRefSchema = z.object({ p: z.enum(['discord', 'telegram', 'whatsapp']), id: z.string().min(1).max(200) }).strict();
export type AccountRef = z.infer<typeof AccountRefSchema>;
/** The account with the name it showed when it was linked (for reading the ledger, not for matching). */
export const PersonAccountSchema = z.object({ p: z.enum(['discord', 'telegram', 'whatsapp']), id: z.string().min(1).max(200), name: z.string().max(100).optional() }).strict();
export type PersonAccount = z.infer<typeof PersonAccountSchema>;
/** How a link was found: by hand, same display name, same link in the bio, or a verification code the member posted. */
export const LinkViaSchema = z.enum(['hand', 'name', 'bio', 'code']);
export type LinkVia = z.infer<typeof LinkViaSchema>;
const personId = z.string().regex(/^[A-Za-z0-9-]{8,40}$/);
const pageId = z.string().regex(/^[A-Za-z0-9-]{8,40}$/);

export const RoleSchema = z.enum(['lead', 'moderator']);
export type Role = z.infer<typeof RoleSchema>;

export const ShiftSlotSchema = z
  .object({
    /** ISO weekday, 1 = Monday, in the moderator's own zone. */
    weekday: z.number().int().min(1).max(7),
    start: hhmm,
    hours: z.number().min(0.5).max(24),
    /** Which week of the rotation this slot belongs to (0-based, < weeks). */
    week: z.number().int().min(0).max(3).default(0),
  })
  .strict();
export type ShiftSlot = z.infer<typeof ShiftSlotSchema>;

export const HandoffItemSchema = z.object({ item: itemId, label: shortText, state: z.enum(['open', 'claimed']) }).strict();
export const PromiseSchema = z.object({ text: shortText, due: time }).strict();

export const RecordBodySchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('claim'), item: itemId, label: shortText.optional() }).strict(),
  z.object({ t: z.literal('release'), item: itemId }).strict(),
  z.object({ t: z.literal('resolve'), item: itemId, outcome: shortText }).strict(),
  /** A note on an item or the team; with `due`, a follow-up for whoever is on then. */
  z.object({ t: z.literal('note'), item: itemId.optional(), text: z.string().min(1).max(500), due: time.optional() }).strict(),
  z.object({ t: z.literal('shift-start') }).strict(),
  z.object({ t: z.literal('shift-end') }).strict(),
  z
    .object({
      t: z.literal('handoff'),
      id: z.string().regex(/^[A-Za-z0-9-]{8,40}$/),
      to: PublicKeySchema.optional(),
      items: z.array(HandoffItemSchema).max(20),
      incidents: z.array(shortText).max(10),
      promises: z.array(PromiseSchema).max(10),
      notes: z.string().max(600),
    })
    .strict(),
  z.object({ t: z.literal('ack'), handoff: z.string().min(8).max(40) }).strict(),
  z.object({ t: z.literal('roster-add'), key: PublicKeySchema, name: z.string().min(1).max(60), zone, role: RoleSchema }).strict(),
  z.object({ t: z.literal('roster-remove'), key: PublicKeySchema }).strict(),
  /** A moderator's weekly shifts in their own zone; `weeks` > 1 makes it a rotation. */
  z
    .object({ t: z.literal('schedule'), key: PublicKeySchema, zone, weeks: z.number().int().min(1).max(4), slots: z.array(ShiftSlotSchema).max(28) })
    .strict(),
  /** A lead's checkpoint: the digest of the team state right before this record, to detect divergence. */
  /** Offers one dated stretch of my shift to the team; the first teammate to take it (platform order) gets it. */
  z.object({ t: z.literal('swap-offer'), id: z.string().min(8).max(40), start: time, end: time }).strict(),
  z.object({ t: z.literal('swap-take'), offer: z.string().min(8).max(40) }).strict(),
  z.object({ t: z.literal('swap-cancel'), offer: z.string().min(8).max(40) }).strict(),
  /**
   * A scheduled announcement: its text (the draft), when (an event time, maybe recurring), which
   * reminders post (none: it posts at the time), and where, by platform space and channel (each
   * console sends through its own connection to that space). `zone` on a target is that space's own
   * zone, for "19:00 local" plans, and `lang` its language, for per-language versions.
   */
  z
    .object({
      t: z.literal('post-plan'),
      id: postId,
      text: z.string().min(1).max(1200),
      time: EventTimeSchema,
      reminders: z.array(ReminderSchema).max(3),
      targets: z
        .array(z.object({ p: z.enum(['discord', 'telegram', 'whatsapp']), space: z.string().min(1).max(200), channel: z.string().min(1).max(200), zone: zone.optional(), lang: LanguageTagSchema.optional() }).strict())
        .min(1)
        .max(10),
      pin: z.boolean(),
      /** The text in other languages; a target whose `lang` has a version gets it instead of `text`. */
      versions: z.array(z.object({ lang: LanguageTagSchema, text: z.string().min(1).max(1200) }).strict()).max(6).optional(),
    })
    .strict(),
  z.object({ t: z.literal('post-cancel'), id: postId }).strict(),
  /** "I send this slot": the first claim in platform order sends it, on every console alike. */
  z.object({ t: z.literal('post-claim'), id: postId, slot: postSlot, late: z.boolean().optional() }).strict(),
  /** The claimer's word on the slot: sent, or failed (with the platform's code). */
  z.object({ t: z.literal('post-sent'), id: postId, slot: postSlot, ok: z.boolean(), code: z.string().max(40).optional() }).strict(),
  /** A slot nobody sent in time, skipped on purpose. */
  z.object({ t: z.literal('post-skip'), id: postId, slot: postSlot }).strict(),
  /**
   * A new text for a plan (and its versions), by its author or a lead: slots not sent yet go out with
   * it, and what was already sent is edited in place by the console that sent it.
   */
  z
    .object({
      t: z.literal('post-edit'),
      id: postId,
      text: z.string().min(1).max(1200),
      versions: z.array(z.object({ lang: LanguageTagSchema, text: z.string().min(1).max(1200) }).strict()).max(6).optional(),
    })
    .strict(),
  /** The sender's word on editing a sent slot to the plan's edit number `rev`: edited, or not and why (a reason code). */
  z.object({ t: z.literal('post-edited'), id: postId, slot: postSlot, rev: z.number().int().positive().max(100_000), ok: z.boolean(), code: z.string().max(40).optional() }).strict(),
  /**
   * A Discord scheduled event a console created for a plan's occurrence (`event`: Discord's id): every
   * console of the team sees it and can move, rename or cancel it through its own connection.
   */
  z
    .object({
      t: z.literal('post-event'),
      id: postId,
      event: z.string().regex(/^\d{5,25}$/),
      space: z.string().min(1).max(200),
      channel: z.string().min(1).max(200),
      entity: z.enum(['voice', 'stage']),
      name: z.string().min(1).max(100),
      start: time,
    })
    .strict(),
  /** That event was moved or renamed, or cancelled, on Discord (written by the console that did it). */
  z.object({ t: z.literal('post-event-change'), id: postId, event: z.string().regex(/^\d{5,25}$/), name: z.string().min(1).max(100).optional(), start: time.optional(), cancelled: z.literal(true).optional() }).strict(),
  /** A rule change the team accepted from its decisions (issue 15): every console's triage applies it. */
  z.object({ t: z.literal('rule-change'), id: z.string().regex(/^[A-Za-z0-9-]{8,40}$/), change: RuleChangeSchema }).strict(),
  z.object({ t: z.literal('rule-undo'), id: z.string().regex(/^[A-Za-z0-9-]{8,40}$/) }).strict(),
  /** One person, several accounts (issue 18): an account joins a person (by hand or from a suggestion), or leaves it. */
  z.object({ t: z.literal('person-link'), person: personId, account: PersonAccountSchema, via: LinkViaSchema }).strict(),
  z.object({ t: z.literal('person-unlink'), person: personId, account: AccountRefSchema }).strict(),
  /** A contributor noted for a role or an invitation (issue 18), with why. */
  z.object({ t: z.literal('nominate'), account: PersonAccountSchema, for: z.enum(['role', 'invite']), text: z.string().min(1).max(300) }).strict(),
  /** Pages a moderator (the lead on shift) from the crisis playbook; their console notifies them. */
  /** `of`: the page this one escalates (its recipient did not acknowledge in time; escalate.ts). */
  z.object({ t: z.literal('page'), id: pageId, to: PublicKeySchema, text: z.string().min(1).max(300), of: pageId.optional() }).strict(),
  z.object({ t: z.literal('page-ack'), page: pageId }).strict(),
  /**
   * A moderator flagged by hand a message triage missed (a "miss"): it opens an item on every console and is
   * a team decision the rules learn from. The message travels with it (a console that has not stored it
   * yet still opens the item), its text cut to fit one ledger message.
   */
  z
    .object({
      t: z.literal('flag'),
      ev: z.string().min(1).max(400),
      p: z.enum(['discord', 'telegram', 'whatsapp']),
      space: z.string().min(1).max(200),
      channel: z.string().min(1).max(200),
      msg: z.string().min(1).max(200),
      cat: HandFlagCategorySchema,
      note: z.string().min(1).max(HAND_FLAG_NOTE_MAX).optional(),
      text: z.string().max(HAND_FLAG_TEXT_MAX),
      author: z.object({ id: z.string().min(1).max(200), name: z.string().max(100) }).strict().optional(),
      chName: z.string().max(100).optional(),
      ts: time.optional(),
    })
    .strict(),
  z.object({ t: z.literal('snapshot'), digest: z.string().regex(/^[0-9a-f]{16}$/), records: z.number().int().nonnegative() }).strict(),
]);
export type RecordBody = z.infer<typeof RecordBodySchema>;
export type RecordType = RecordBody['t'];

/** A signed record as carried in a message: author key, per-author counter, author clock, body, signature. */
export const SignedRecordSchema = z
  .object({
    v: z.literal(1),
    a: PublicKeySchema,
    n: z.number().int().positive(),
    ts: time,
    r: z.unknown(),
    s: SignatureSchema.optional(),
  })
  .strict();
export type SignedRecord = Omit<z.infer<typeof SignedRecordSchema>, 'r'> & { r: RecordBody };
export type UnsignedRecord = Omit<SignedRecord, 's'>;

/** The domain tag keeps a ledger signature from being valid as anything else the key might sign. */
const SIGNING_TAG = 'tribekeeper-ledger/1\n';

export function signingInput(record: { v: 1; a: string; n: number; ts: number; r: unknown }): string {
  return SIGNING_TAG + canonicalJson({ v: record.v, a: record.a, n: record.n, ts: record.ts, r: record.r });
}

/** Every ledger message starts with this line; anything else in the staff channel is people talking. */
export const LEDGER_PREFIX = 'tk-ledger/1';
/** Discord's message limit is 2,000 characters; keep room for the prefix line. */
export const MAX_MESSAGE_CHARS = 1_950;

export function encodeMessage(records: SignedRecord[]): string {
  return [LEDGER_PREFIX, ...records.map((r) => canonicalJson(r))].join('\n');
}

/** Splits a message into raw records (still unparsed); null when it is not a ledger message. */
export function decodeMessage(text: string | undefined): unknown[] | null {
  if (!text || !text.startsWith(LEDGER_PREFIX + '\n')) return null;
  const out: unknown[] = [];
  for (const line of text.slice(LEDGER_PREFIX.length + 1).split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as unknown);
    } catch {
      out.push({ malformed: line.slice(0, 80) });
    }
  }
  return out;
}

/** Where a record sits: the platform message id (its order settles races) and the line inside it. */
export interface Position {
  m: string;
  i: number;
}

export interface LedgerEntry {
  pos: Position;
  raw: unknown;
}
