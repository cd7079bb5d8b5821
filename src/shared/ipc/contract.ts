// The one contract between main and the renderer (DESIGN.md §1): every command (request → response)
// and every event (main → renderer stream), typed once. Main validates each request with these
// schemas before use; the Electron preload and the host-mode WebSocket bridge both carry exactly this.
import { z } from 'zod';
import { ActionIntentSchema, ActionReceiptSchema } from '../domain/actions';
import {
  ChatEventSchema,
  EnvelopeSchema,
  SourceCursorSchema,
  SourceInfoSchema,
} from '../domain/model';
import { resultSchema } from '../domain/result';
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
    response: resultSchema(z.array(ChatEventSchema)),
  },
  'actions.execute': {
    request: z.object({ action: ActionIntentSchema }).strict(),
    response: resultSchema(ActionReceiptSchema),
  },
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
} as const satisfies Record<EventName, z.ZodType>;

export type { CommandName, EventName };
export type CommandRequest<N extends CommandName> = z.input<(typeof commands)[N]['request']>;
export type ParsedRequest<N extends CommandName> = z.output<(typeof commands)[N]['request']>;
export type CommandResponse<N extends CommandName> = z.output<(typeof commands)[N]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

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
