// The one contract between main and the renderer (DESIGN.md §1): every command (request → response)
// and every event (main → renderer stream), typed once. Main validates each request with these
// schemas before use; the Electron preload and the host-mode WebSocket bridge both carry exactly this.
import { z } from 'zod';
import { RuleChangeSchema } from '../triage/changes';
import { ActionIntentSchema, ActionReceiptSchema } from '../domain/actions';
import {
  ChatEventSchema,
  EnvelopeSchema,
  SourceCursorSchema,
  SourceInfoSchema,
} from '../domain/model';
import { resultSchema } from '../domain/result';
import { PlatformSchema } from '../domain/model';
import { LanguageTagSchema } from '../announce/languages';
import { EventTimeSchema, ReminderSchema } from '../announce/recurrence';
import { FeedbackBoardSchema, FeedbackMarkSchema, FeedbackStatusSchema } from '../feedback/board';
import { AccountRefSchema, HAND_FLAG_NOTE_MAX, HandFlagCategorySchema, HandoffItemSchema, LinkViaSchema, PersonAccountSchema, PromiseSchema, PublicKeySchema, RoleSchema, ShiftSlotSchema } from '../team/records';
import { TeamViewSchema } from '../team/view';
import { BIO_MAX } from '../team/bio';
import { WelcomeSettingsListSchema } from '../welcome/welcome';
import { ReplyLinksSchema } from '../replies/links';
import { PollListSchema } from '../polls/tally';
import { RulePackSchema } from '../triage/pack';
import type { CommandName, EventName } from './names';

const empty = z.object({}).strict();

export const AppInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'host']),
  practice: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const TelegramServerSchema = z
  .object({
    host: z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/),
    port: z.number().int().min(1).max(65535),
    rsaPublicKeyPem: z.string().max(4096).regex(/^-----BEGIN (RSA )?PUBLIC KEY-----[\s\S]+-----END (RSA )?PUBLIC KEY-----\s*$/),
  })
  .strict();

/** A phone number (with country code) to link WhatsApp by pairing code instead of by QR; main gets its digits. */
const WhatsAppPhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,20}$/, 'not a phone number')
  .transform((n) => n.replace(/\D/g, ''));

/**
 * How main keeps tokens and sessions on this computer: the OS keychain (Electron safeStorage with a
 * real backend), a file only this user can read (host mode, by design), or unencrypted because the
 * keychain is missing — then only once the user agreed in Settings.
 */
export const SecretProtectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('keychain') }),
  z.object({ kind: z.literal('file') }),
  z.object({ kind: z.literal('unencrypted'), reason: z.enum(['unavailable', 'basic_text', 'unknown_backend']), allowed: z.boolean() }),
]);
export type SecretProtection = z.infer<typeof SecretProtectionSchema>;

/** What a native notification opens when clicked: a view, or one inbox item. */
export const NoticeTargetSchema = z.union([
  z.object({ view: z.enum(['inbox', 'shifts']) }).strict(),
  z.object({ itemId: z.string().min(1).max(400) }).strict(),
]);
export type NoticeTarget = z.infer<typeof NoticeTargetSchema>;

export const DesktopNoticeSchema = z
  .object({ id: z.string().min(1).max(400), title: z.string().max(200), body: z.string().max(2000), target: NoticeTargetSchema })
  .strict();
export type DesktopNotice = z.infer<typeof DesktopNoticeSchema>;

/** The tray's count and words, worded by the renderer in the moderator's language. */
export const DesktopStatusSchema = z
  .object({
    openItems: z.number().int().nonnegative(),
    labels: z
      .object({
        open: z.string().max(80),
        pause: z.string().max(80),
        paused: z.string().max(80),
        quit: z.string().max(80),
        /** With `{count}` where the number goes. */
        tooltipOpen: z.string().max(200),
        tooltipNone: z.string().max(200),
      })
      .strict(),
  })
  .strict();
export type DesktopStatus = z.infer<typeof DesktopStatusSchema>;

/** The team ledger (issue 7). A written record answers once it is seen back in the channel, or as pending. */
function teamCommands() {
  const item = z.string().min(1).max(400);
  const written = resultSchema(z.object({ pending: z.boolean(), holder: PublicKeySchema.optional(), mine: z.boolean().optional() }));
  const zone = z.string().min(1).max(64);
  const postId = z.string().regex(/^[A-Za-z0-9-]{8,40}$/);
  const postSlot = z.string().regex(/^\d{1,2}:\d{1,15}:(24h|1h|start)$/);
  return {
    'team.state': { request: empty, response: TeamViewSchema },
    /** Who this console's moderator is, and which staff channel carries the ledger (default: one named like mod-log). */
    'team.configure': {
      request: z
        .object({
          name: z.string().trim().min(1).max(60),
          zone,
          sourceId: z.string().min(1).max(200).optional(),
          channelId: z.string().min(1).max(200).optional(),
          ackMinutes: z.number().int().min(1).max(24 * 60).optional(),
        })
        .strict(),
      response: resultSchema(TeamViewSchema),
    },
    'team.claim': { request: z.object({ item, label: z.string().max(200).optional() }).strict(), response: written },
    'team.release': { request: z.object({ item }).strict(), response: written },
    'team.resolve': { request: z.object({ item, outcome: z.string().min(1).max(200) }).strict(), response: written },
    'team.note': { request: z.object({ text: z.string().trim().min(1).max(500), item: item.optional(), due: z.number().int().nonnegative().optional() }).strict(), response: written },
    'team.shift': { request: z.object({ on: z.boolean() }).strict(), response: written },
    'team.handoff': {
      request: z
        .object({
          to: PublicKeySchema.optional(),
          items: z.array(HandoffItemSchema).max(20),
          incidents: z.array(z.string().max(200)).max(10),
          promises: z.array(PromiseSchema).max(10),
          notes: z.string().max(600),
        })
        .strict(),
      response: resultSchema(z.object({ id: z.string(), pending: z.boolean() })),
    },
    'team.ack': { request: z.object({ handoff: z.string().min(8).max(40) }).strict(), response: written },
    'team.schedule': {
      request: z.object({ key: PublicKeySchema.optional(), zone, weeks: z.number().int().min(1).max(4), slots: z.array(ShiftSlotSchema).max(28) }).strict(),
      response: written,
    },
    /** Offers one stretch of my shift (at most a day) to the team; the first teammate to take it gets it. */
    'team.swap.offer': {
      request: z
        .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
        .strict()
        .refine((r) => r.end > r.start && r.end - r.start <= 24 * 3_600_000, 'A swap is one shift: it ends after it starts, within a day.'),
      response: resultSchema(z.object({ id: z.string(), pending: z.boolean() })),
    },
    'team.swap.take': { request: z.object({ offer: z.string().min(8).max(40) }).strict(), response: written },
    'team.swap.cancel': { request: z.object({ offer: z.string().min(8).max(40) }).strict(), response: written },
    /** A lead approves a new console by the invite code it shows. */
    'team.roster.approve': { request: z.object({ inviteCode: z.string().trim().min(10).max(400), role: RoleSchema.default('moderator') }).strict(), response: written },
    'team.roster.remove': { request: z.object({ key: PublicKeySchema }).strict(), response: written },
    /** A scheduled (maybe recurring) announcement, written to the team ledger; whichever console runs at the time sends it. */
    'posts.plan': {
      request: z
        .object({
          text: z.string().trim().min(1).max(1200),
          time: EventTimeSchema,
          reminders: z.array(ReminderSchema).max(3),
          targets: z.array(z.object({ p: PlatformSchema, space: z.string().min(1).max(200), channel: z.string().min(1).max(200), zone: zone.optional(), lang: LanguageTagSchema.optional() }).strict()).min(1).max(10),
          pin: z.boolean(),
          /** The text in other languages; each target gets the one in its `lang`, else `text`. */
          versions: z.array(z.object({ lang: LanguageTagSchema, text: z.string().trim().min(1).max(1200) }).strict()).max(6).optional(),
        })
        .strict()
        // One ledger message carries the whole plan: all versions together stay within one text's room.
        .refine((r) => r.text.length + (r.versions ?? []).reduce((n, v) => n + v.text.length, 0) <= 1200, 'All versions together are at most 1200 characters.'),
      response: resultSchema(z.object({ id: z.string(), pending: z.boolean() })),
    },
    /** A new text for a plan: slots not sent yet go out with it, and what was sent is edited in place by the console that sent it. */
    'posts.edit': {
      request: z
        .object({
          id: postId,
          text: z.string().trim().min(1).max(1200),
          versions: z.array(z.object({ lang: LanguageTagSchema, text: z.string().trim().min(1).max(1200) }).strict()).max(6).optional(),
        })
        .strict()
        .refine((r) => r.text.length + (r.versions ?? []).reduce((n, v) => n + v.text.length, 0) <= 1200, 'All versions together are at most 1200 characters.'),
      response: written,
    },
    'posts.cancel': { request: z.object({ id: postId }).strict(), response: written },
    /** A slot nobody sent in time: send it now after all (claimed as late), or skip it. */
    'posts.sendLate': { request: z.object({ id: postId, slot: postSlot }).strict(), response: written },
    'posts.skip': { request: z.object({ id: postId, slot: postSlot }).strict(), response: written },
    /** Moves, renames or cancels a plan's Discord event, from any console of the team (through its own connection). */
    'posts.event': {
      request: z
        .object({ id: postId, event: z.string().regex(/^\d{5,25}$/), op: z.enum(['update', 'cancel']), name: z.string().trim().min(1).max(100).optional(), start: z.number().int().nonnegative().optional() })
        .strict(),
      response: written,
    },
    /** Marks a message as feedback, a bug or an idea; answers the board. */
    'feedback.mark': { request: z.object({ mark: FeedbackMarkSchema }).strict(), response: resultSchema(FeedbackBoardSchema) },
    'feedback.list': { request: empty, response: FeedbackBoardSchema },
    'feedback.setStatus': { request: z.object({ id: z.string().min(1).max(400), status: FeedbackStatusSchema }).strict(), response: resultSchema(FeedbackBoardSchema) },
    /** Where feedback goes; tokens stay in main (never answered back). An empty token keeps the saved one. */
    'feedback.configure': {
      request: z
        .object({
          notion: z.object({ token: z.string().max(300), dataSourceId: z.string().min(1).max(100) }).strict().optional(),
          slack: z.object({ token: z.string().max(300), channel: z.string().min(1).max(100) }).strict().optional(),
        })
        .strict(),
      response: resultSchema(FeedbackBoardSchema),
    },
    'feedback.export': { request: z.object({ ids: z.array(z.string().min(1).max(400)).min(1).max(200), to: z.enum(['notion', 'slack']) }).strict(), response: resultSchema(FeedbackBoardSchema) },
    /** Accepts a rule change proposed from the team's decisions (issue 15); every console's triage applies it. */
    'team.rules.change': { request: z.object({ change: RuleChangeSchema }).strict(), response: written },
    'team.rules.undo': { request: z.object({ id: z.string().regex(/^[A-Za-z0-9-]{8,40}$/) }).strict(), response: written },
    /** Links an account to a person (a new person when none is given); unlinking is a record too (issue 18). */
    'team.person.link': {
      request: z.object({ person: z.string().regex(/^[A-Za-z0-9-]{8,40}$/).optional(), account: PersonAccountSchema, via: LinkViaSchema }).strict(),
      response: resultSchema(z.object({ person: z.string(), pending: z.boolean() })),
    },
    'team.person.unlink': { request: z.object({ person: z.string().regex(/^[A-Za-z0-9-]{8,40}$/), account: AccountRefSchema }).strict(), response: written },
    'team.nominate': { request: z.object({ account: PersonAccountSchema, for: z.enum(['role', 'invite']), text: z.string().trim().min(1).max(300) }).strict(), response: written },
    /** Pages a teammate (the lead on shift) from the crisis playbook; their console raises a desktop notification. */
    'team.page': { request: z.object({ to: PublicKeySchema, text: z.string().trim().min(1).max(300) }).strict(), response: written },
    'team.page.ack': { request: z.object({ page: z.string().regex(/^[A-Za-z0-9-]{8,40}$/) }).strict(), response: written },
    /**
     * Flags by hand a message triage missed: every console of the team opens an item for it, marked with who
     * flagged it, and the rules learn from it. The message's text is cut in main to fit one ledger message.
     */
    'team.flag': {
      request: z
        .object({
          ev: z.string().min(1).max(400),
          p: PlatformSchema,
          space: z.string().min(1).max(200),
          channel: z.string().min(1).max(200),
          msg: z.string().min(1).max(200),
          cat: HandFlagCategorySchema,
          note: z.string().trim().max(HAND_FLAG_NOTE_MAX).optional(),
          text: z.string().max(4000),
          author: z.object({ id: z.string().min(1).max(200), name: z.string().max(200) }).strict().optional(),
          chName: z.string().max(200).optional(),
          ts: z.number().int().nonnegative().optional(),
        })
        .strict(),
      response: written,
    },
  } as const;
}

export const commands = {
  'app.info': { request: empty, response: AppInfoSchema },
  'sources.list': { request: empty, response: z.array(SourceInfoSchema) },
  /** The token travels renderer → main once and is never sent back. */
  'sources.addDiscord': {
    request: z
      .object({
        label: z.string().trim().min(1).max(80),
        token: z.string().trim().min(20).max(256).regex(/^[A-Za-z0-9._-]+$/, 'not a bot token'),
        apiBase: z
          .url({ protocol: /^https?$/ })
          .max(300)
          .optional(),
      })
      .strict(),
    response: resultSchema(SourceInfoSchema),
  },
  /** A Telegram bot (token from BotFather). `server` points at a compatible server instead of Telegram's. */
  'sources.addTelegramBot': {
    request: z
      .object({
        label: z.string().trim().min(1).max(80),
        token: z.string().trim().regex(/^\d{3,20}:[A-Za-z0-9_-]{20,80}$/, 'not a Telegram bot token'),
        apiId: z.number().int().positive().optional(),
        apiHash: z.string().regex(/^[0-9a-f]{32}$/, 'not an API hash').optional(),
        server: TelegramServerSchema.optional(),
      })
      .strict(),
    response: resultSchema(SourceInfoSchema),
  },
  /** A Telegram user account, step 1: Telegram sends a login code to the account's apps. */
  'sources.telegramLogin.start': {
    request: z
      .object({
        label: z.string().trim().min(1).max(80),
        phone: z.string().trim().regex(/^\+?[0-9][0-9 ]{4,19}$/, 'not a phone number'),
        apiId: z.number().int().positive().optional(),
        apiHash: z.string().regex(/^[0-9a-f]{32}$/, 'not an API hash').optional(),
        server: TelegramServerSchema.optional(),
      })
      .strict(),
    response: resultSchema(z.object({ loginId: z.uuid() })),
  },
  /** Step 2: the code; step 3, when the account has one, the cloud password (code left out). */
  'sources.telegramLogin.finish': {
    request: z
      .object({
        loginId: z.uuid(),
        code: z.string().trim().regex(/^[0-9]{3,10}$/, 'not a login code').optional(),
        password: z.string().min(1).max(256).optional(),
      })
      .strict(),
    response: resultSchema(
      z.discriminatedUnion('status', [
        z.object({ status: z.literal('signed_in'), source: SourceInfoSchema }),
        z.object({ status: z.literal('password_needed'), hint: z.string().max(200).optional() }),
      ]),
    ),
  },
  /**
   * Links a WhatsApp device: main starts it and answers once the QR to scan is in the source's state
   * (`link.qr`, shown in Settings) or the device is ready. `server` points at a WhatsApp-compatible
   * server (the practice community, a test server) and the key its Noise certificates are rooted in.
   */
  'sources.linkWhatsApp': {
    request: z
      .object({
        label: z.string().trim().min(1).max(80),
        server: z
          .object({
            url: z.url({ protocol: /^wss?$/ }).max(300),
            noiseRootKey: z
              .string()
              .trim()
              .regex(/^[0-9a-fA-F]{64}$/, 'not a 32-byte hex key')
              .optional(),
          })
          .strict()
          .optional(),
        /** Link by pairing code for this phone number (with country code) instead of by QR. */
        phoneNumber: WhatsAppPhoneSchema.optional(),
      })
      .strict(),
    response: resultSchema(SourceInfoSchema),
  },
  /**
   * Tries linking a WhatsApp connection again after it was refused, expired or logged out: a new QR
   * (or pairing code, for `phoneNumber`) in the source's state. A connection that is not stuck so
   * is left as it is.
   */
  'sources.relinkWhatsApp': {
    request: z
      .object({
        sourceId: z.string().min(1).max(200),
        phoneNumber: WhatsAppPhoneSchema.optional(),
      })
      .strict(),
    response: resultSchema(SourceInfoSchema),
  },
  'sources.remove': {
    request: z.object({ sourceId: z.string().min(1).max(200) }).strict(),
    response: resultSchema(z.object({ removed: z.boolean() })),
  },
  /** The renderer says how far its store goes; main catches up from there, then streams live. */
  'sync.subscribe': {
    request: z.object({ cursors: z.array(SourceCursorSchema).max(100) }).strict(),
    response: z.object({ sources: z.array(SourceInfoSchema) }),
  },
  'conversation.context': {
    request: z
      .object({
        sourceId: z.string().min(1).max(200),
        channelId: z.string().min(1).max(200),
        messageId: z.string().min(1).max(200),
        limit: z.number().int().min(1).max(50).default(10),
      })
      .strict(),
    // Each with the flags triage dropped on context, and why (issue 14): older history says so too.
    response: resultSchema(z.array(ChatEventSchema.extend({ dropped: EnvelopeSchema.shape.dropped }))),
  },
  /**
   * Members' bios for link-in-bio suggestions (issue 18), asked only for the member shown and the
   * accounts active lately; main reads them lazily, spaced and cached. Bio text is the member's own:
   * capped here, shown as text. Accounts whose bio was not read (yet, or not readable) are left out.
   */
  'members.bios': {
    request: z.object({ accounts: z.array(z.object({ sourceId: z.string().min(1).max(200), id: z.string().min(1).max(200) }).strict()).max(50) }).strict(),
    response: z.object({ bios: z.array(z.object({ sourceId: z.string(), id: z.string(), about: z.string().max(BIO_MAX).nullable() })) }),
  },
  'actions.execute': {
    request: z.object({ action: ActionIntentSchema }).strict(),
    response: resultSchema(ActionReceiptSchema),
  },
  /** The community's rule pack (issue 4): what triage runs in main, edited in the rules view. */
  'rules.get': { request: empty, response: z.object({ pack: RulePackSchema, custom: z.boolean() }) },
  /** Checked and compiled in main before it replaces the running pack; every problem comes back in words. */
  'rules.save': {
    request: z.object({ pack: z.unknown() }).strict(),
    response: resultSchema(z.object({ rules: z.number().int().nonnegative() })),
  },
  /** Back to the built-in pack a new community starts with. */
  'rules.reset': { request: empty, response: resultSchema(z.object({ rules: z.number().int().nonnegative() })) },
  'secrets.protection': { request: empty, response: SecretProtectionSchema },
  /** The user's choice when the keychain is missing: store secrets unencrypted (0600 file), or not at all. */
  'secrets.allowUnencrypted': { request: z.object({ allow: z.boolean() }).strict(), response: resultSchema(SecretProtectionSchema) },
  ...teamCommands(),
  /** The desktop shell (Electron: tray, badge, native notifications; host mode: shown: false). */
  'desktop.status': { request: DesktopStatusSchema, response: z.object({ ok: z.literal(true) }) },
  'desktop.notify': { request: DesktopNoticeSchema, response: z.object({ shown: z.boolean() }) },
  /** Per-space welcomes for new members (issue 19): sent by main, one per join wave. */
  'welcome.get': { request: empty, response: z.object({ settings: WelcomeSettingsListSchema }) },
  'welcome.save': { request: z.object({ settings: WelcomeSettingsListSchema }).strict(), response: resultSchema(z.object({ spaces: z.number().int().nonnegative() })) },
  /**
   * The team's rules page and appeal page (Settings → Community → Links in replies), kept by main: replies
   * fill {rule_link}/{appeal_link} from them and a welcome without its own rules link uses this one.
   * `links` is absent until saved once (the renderer then moves a pair it kept itself before).
   */
  'links.get': { request: empty, response: z.object({ links: ReplyLinksSchema.optional() }) },
  'links.save': { request: z.object({ links: ReplyLinksSchema }).strict(), response: resultSchema(ReplyLinksSchema) },
  /** A raid item was resolved: the space's welcomes, paused while it was open, resume (its raiders are not welcomed). */
  'welcome.resume': {
    request: z.object({ sourceId: z.string().min(1).max(200), spaceId: z.string().min(1).max(200), group: z.string().min(1).max(200) }).strict(),
    response: z.object({ paused: z.boolean() }),
  },
  /** Polls this console posted, newest first, with members' votes where the platform's are read (WhatsApp). */
  'polls.list': { request: empty, response: PollListSchema },
} as const satisfies Record<CommandName, { request: z.ZodType; response: z.ZodType }>;

export const events = {
  /** A batch of normalized, triaged events (≤ 16 ms or 500 events, DESIGN.md §1). */
  'events.received': z.object({ envelopes: z.array(EnvelopeSchema) }),
  'sources.changed': SourceInfoSchema,
  /** A source finished catching up from the renderer's cursor; live events follow. */
  'sync.caughtUp': z.object({
    sourceId: z.string(),
    fetched: z.number().int().nonnegative(),
    /** Cursor positions that hold now that the catch-up (and what was held back meanwhile) is sent. */
    positions: z.record(z.string(), z.string()).optional(),
  }),
  /** The team ledger's state changed (a record arrived, this console's standing changed). */
  'team.changed': TeamViewSchema,
  /** The moderator clicked a native notification: open what it is about. */
  'desktop.noticeOpened': NoticeTargetSchema,
  /** The feedback board changed (a mark, a status, an export sent or refused). */
  'feedback.changed': FeedbackBoardSchema,
  /** A poll was posted or a member voted. */
  'polls.changed': PollListSchema,
} as const satisfies Record<EventName, z.ZodType>;

export type { CommandName, EventName };
export type CommandRequest<N extends CommandName> = z.input<(typeof commands)[N]['request']>;
export type ParsedRequest<N extends CommandName> = z.output<(typeof commands)[N]['request']>;
export type CommandResponse<N extends CommandName> = z.output<(typeof commands)[N]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/**
 * Main's handlers for one feature's slice of the contract: every command named `<prefix>.…`, each taking
 * its parsed request. Without a prefix, the whole map — so a missing or misspelt handler fails to compile.
 */
export type CommandHandlers<Prefix extends string = string> = {
  [N in Extract<CommandName, `${Prefix}.${string}`>]: (request: ParsedRequest<N>) => Promise<CommandResponse<N>>;
};

/** What the renderer sees as `window.tribe`, in Electron and in host mode alike. */
export interface TribeBridge {
  invoke<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<CommandResponse<N>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Host-mode wire frames over the loopback WebSocket. */
export const WireFromClientSchema = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  name: z.string().max(64),
  payload: z.unknown(),
});
export type WireFromClient = z.infer<typeof WireFromClientSchema>;

export type WireFromServer =
  | { t: 'res'; id: number; payload: unknown }
  | { t: 'err'; id: number; message: string }
  | { t: 'evt'; name: EventName; payload: unknown };
