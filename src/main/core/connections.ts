// What a source is made from: one connection's settings and credentials per platform, and the factory
// the entry supplies to turn one into a connector (keeping the core free of the platform libraries).
import type { Result } from '@shared/domain/result';
import type { Connector } from './connector';

export interface DiscordConnection {
  platform: 'discord';
  id: string;
  label: string;
  token: string;
  apiBase?: string;
  practice: boolean;
}

export interface TelegramServerAddress {
  host: string;
  port: number;
  rsaPublicKeyPem: string;
}

export interface TelegramConnection {
  platform: 'telegram';
  id: string;
  label: string;
  practice: boolean;
  apiId: number;
  apiHash: string;
  /** A compatible server instead of Telegram's production DCs (the practice community, a test DC). */
  server?: TelegramServerAddress;
  botToken?: string;
  session?: string;
  /** A bot's thank-you to a reporter is taken down after this long (default 60 s). */
  reportThanksDeleteAfterMs?: number;
  /** How many messages a "too long" difference reads back at most (default 3,000; tests shorten it). */
  readBackMax?: number;
}

export interface WhatsAppServerAddress {
  /** ws(s)://…/ws/chat of a WhatsApp-compatible server. */
  url: string;
  /** Hex of the key its Noise certificate chain is rooted in (instead of WhatsApp's). */
  noiseRootKey?: string;
}

/** A WhatsApp linked device; its auth state lives in the secret store under the source's id. */
export interface WhatsAppConnection {
  platform: 'whatsapp';
  id: string;
  label: string;
  practice: boolean;
  server?: WhatsAppServerAddress;
  /** Keep the device's auth state in memory only (the practice server forgets devices when it stops). */
  ephemeralAuth?: boolean;
  /** Called with each QR while linking (a headless start prints it). */
  onQr?: (qr: string) => void;
  /** Link by pairing code for this phone number (digits) instead of by QR. */
  pairingPhone?: string;
}

export type Connection = DiscordConnection | TelegramConnection | WhatsAppConnection;

/** Builds a connector for a connection; the entry supplies the platform libraries, keeping the core free of them. */
export type ConnectorFactory = (connection: Connection) => Connector;

/** What a Telegram user login needs between its steps; the connector holds the half-made session. */
export interface TelegramUserLogin {
  beginUserLogin(phone: string): Promise<Result<{ phoneCodeHash: string }>>;
  completeUserLogin(code: string, password?: string): Promise<Result<{ status: 'signed_in'; session: string } | { status: 'password_needed'; hint?: string }>>;
}
