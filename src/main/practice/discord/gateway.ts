// The gateway half of the simulator: HELLO/heartbeat/IDENTIFY/RESUME over a JSON WebSocket, with a
// per-session buffer of dispatches so a dropped client resumes without losing an event.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayCloseCodes, GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { z } from 'zod';

/** What a dispatch means for a session with given intents: the data to send, or null to skip it. */
export type DispatchView = (intents: number) => unknown;

export interface GatewayHooks {
  token: string;
  heartbeatIntervalMs: number;
  gatewayUrl(): string;
  /** READY data and the dispatches that follow it (GUILD_CREATE), for a fresh session. */
  onIdentify(sessionId: string, intents: number, largeThreshold: number): { ready: unknown; then: Array<{ t: string; d: unknown }> };
  /** The GUILD_MEMBERS_CHUNK dispatches answering an op 8 request (discord.js `guild.members.fetch()`), in order; [] for none. */
  onRequestMembers(request: MemberRequest, intents: number): unknown[];
  stats: { identifies: number; resumes: number; dispatches: number };
  /** How long after one request for a guild's whole member list another is refused (default 30 s, as Discord). */
  wholeListWindowMs?: number;
}

interface BufferedDispatch {
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  seq: number;
  buffer: BufferedDispatch[];
  socket: WebSocket | null;
  /** When the last socket went away; a session left alone past the resume window is forgotten. */
  disconnectedAt: number | null;
  /** Members above this make a guild "large": GUILD_CREATE then lists none but the bot (IDENTIFY's large_threshold). */
  largeThreshold: number;
}

/** Enough for a few minutes of a busy practice community; an older RESUME gets INVALID_SESSION. */
const BUFFER_LIMIT = 5_000;
/** Like Discord, a session can be resumed only for a few minutes after its connection dropped. */
const RESUME_WINDOW_MS = 3 * 60_000;
/**
 * Discord answers a second request for a guild's whole member list within this window with a
 * RATE_LIMITED dispatch (opcode 8, retry_after, the request's guild and nonce) instead of chunks;
 * modelled per bot and guild, so a fresh session right after the last one is refused too.
 */
const WHOLE_LIST_WINDOW_MS = 30_000;

const FrameSchema = z.object({ op: z.number().int(), d: z.unknown().optional() });
// Discord's range for large_threshold is 50–250, 50 when left out.
const IdentifySchema = z.object({ token: z.string(), intents: z.number().int().nonnegative(), large_threshold: z.number().int().min(50).max(250).optional() });
const RequestMembersSchema = z.object({
  guild_id: z.string(),
  query: z.string().optional(),
  limit: z.number().int().nonnegative().optional(),
  user_ids: z.union([z.string(), z.array(z.string())]).optional(),
  nonce: z.string().optional(),
  presences: z.boolean().optional(),
});
export type MemberRequest = z.infer<typeof RequestMembersSchema>;
const ResumeSchema = z.object({ token: z.string(), session_id: z.string(), seq: z.number().int().nullable() });

export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<WebSocket>();
  /** Per guild, when the bot last asked for the whole member list (op 8 with an empty query). */
  private readonly wholeListAskedAt = new Map<string, number>();

  constructor(private readonly hooks: GatewayHooks) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  /** Sends one event to every session that wants it; sessions without a socket buffer it for RESUME. */
  dispatch(t: string, view: DispatchView): void {
    const now = Date.now();
    for (const session of this.sessions.values()) {
      if (session.disconnectedAt !== null && now - session.disconnectedAt > RESUME_WINDOW_MS) {
        this.sessions.delete(session.id);
        continue;
      }
      const d = view(session.intents);
      if (d === null || d === undefined) continue;
      this.send(session, t, d);
    }
  }

  dropConnections(code: number): void {
    for (const ws of this.sockets) ws.close(code, 'practice: connection dropped');
  }

  /** Op 7: asks every client to reconnect and resume, as Discord does before a server restart. */
  requestReconnect(): void {
    for (const ws of this.sockets) if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null, s: null, t: null }));
  }

  get connectedCount(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const frame: BufferedDispatch = { s: session.seq, t, d };
    session.buffer.push(frame);
    if (session.buffer.length > BUFFER_LIMIT) session.buffer.splice(0, session.buffer.length - BUFFER_LIMIT);
    this.hooks.stats.dispatches += 1;
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...frame }));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    let session: Session | null = null;
    const raw = (payload: unknown) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
    };
    raw({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs }, s: null, t: null });

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      let frame: z.infer<typeof FrameSchema>;
      try {
        frame = FrameSchema.parse(JSON.parse(rawToString(data)));
      } catch {
        return ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      }
      switch (frame.op) {
        case GatewayOpcodes.Heartbeat:
          return raw({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        case GatewayOpcodes.Identify: {
          if (session) return ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'You sent more than one identify payload.');
          const identify = IdentifySchema.safeParse(frame.d);
          if (!identify.success) return ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
          if (!this.tokenMatches(identify.data.token)) return ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
          this.hooks.stats.identifies += 1;
          session = {
            id: randomBytes(16).toString('hex'),
            intents: identify.data.intents,
            seq: 0,
            buffer: [],
            socket: ws,
            disconnectedAt: null,
            largeThreshold: identify.data.large_threshold ?? 50,
          };
          this.sessions.set(session.id, session);
          const { ready, then } = this.hooks.onIdentify(session.id, session.intents, session.largeThreshold);
          this.send(session, 'READY', ready);
          for (const next of then) this.send(session, next.t, next.d);
          return;
        }
        case GatewayOpcodes.Resume: {
          if (session) return ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'You sent more than one identify payload.');
          const resume = ResumeSchema.safeParse(frame.d);
          if (!resume.success) return ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
          if (!this.tokenMatches(resume.data.token)) return ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
          const candidate = this.sessions.get(resume.data.session_id);
          const expired = candidate?.disconnectedAt != null && Date.now() - candidate.disconnectedAt > RESUME_WINDOW_MS;
          if (candidate && expired) this.sessions.delete(candidate.id);
          const found = expired ? undefined : candidate;
          const seq = resume.data.seq ?? 0;
          const oldest = found?.buffer[0]?.s ?? (found ? found.seq + 1 : 0);
          if (!found || seq > found.seq || (seq + 1 < oldest && found.buffer.length > 0)) {
            return raw({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
          }
          this.hooks.stats.resumes += 1;
          if (found.socket && found.socket !== ws) found.socket.close(GatewayCloseCodes.SessionTimedOut, 'Session resumed elsewhere.');
          found.socket = ws;
          found.disconnectedAt = null;
          session = found;
          for (const frameToReplay of found.buffer) {
            if (frameToReplay.s > seq) raw({ op: GatewayOpcodes.Dispatch, ...frameToReplay });
          }
          this.send(found, 'RESUMED', { _trace: ['practice-gateway'] });
          return;
        }
        case GatewayOpcodes.RequestGuildMembers: {
          if (!session) return ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
          const request = RequestMembersSchema.safeParse(frame.d);
          if (!request.success) return ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
          const asked = request.data;
          if (asked.user_ids === undefined && (asked.query ?? '') === '') {
            const now = Date.now();
            const last = this.wholeListAskedAt.get(asked.guild_id);
            const window = this.hooks.wholeListWindowMs ?? WHOLE_LIST_WINDOW_MS;
            if (last !== undefined && now - last < window) {
              const meta = { guild_id: asked.guild_id, ...(asked.nonce !== undefined ? { nonce: asked.nonce } : {}) };
              this.send(session, 'RATE_LIMITED', { opcode: GatewayOpcodes.RequestGuildMembers, retry_after: (window - (now - last)) / 1000, meta });
              return;
            }
            this.wholeListAskedAt.set(asked.guild_id, now);
          }
          for (const chunk of this.hooks.onRequestMembers(asked, session.intents)) this.send(session, 'GUILD_MEMBERS_CHUNK', chunk);
          return;
        }
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
          if (!session) return ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
          return;
        default:
          return ws.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
      }
    });

    ws.on('close', () => {
      this.sockets.delete(ws);
      if (session && session.socket === ws) {
        session.socket = null;
        session.disconnectedAt = Date.now();
      }
    });
    ws.on('error', () => ws.terminate());
  }

  private tokenMatches(token: string): boolean {
    return token.replace(/^Bot\s+/i, '') === this.hooks.token;
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
