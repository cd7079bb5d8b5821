// Welcomes for new members (issue 19): main sees every join, gathers a space's joins into a wave (the
// wave ends after a quiet spell, or at the latest after a cap), and sends one welcome for it through the
// executor and its journal, with a key derived from the wave's first join — a restart that sees the same
// joins again finds the journaled answer instead of welcoming twice. The settings live in welcome.json.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionIntent } from '@shared/domain/actions';
import { capabilities } from '@shared/domain/capabilities';
import type { ChatEvent, Flag } from '@shared/domain/model';
import type { Result } from '@shared/domain/result';
import type { CommandHandlers } from '@shared/ipc/contract';
import { NO_REPLY_LINKS, ReplyLinksSchema, type ReplyLinks } from '@shared/replies/links';
import { WELCOME_NAMES_SHOWN, WelcomeSettingsListSchema, welcomeGaps, welcomeText, type Newcomer, type WelcomeSettings } from '@shared/welcome/welcome';
import type { ActionExecutor } from '../actions/executor';
import { actionPlatform } from '../core/commands/actions';
import type { Connector } from '../core/connector';
import { SerialQueue, writeFileAtomic } from '../util/files';
import { logger } from '../util/log';

const log = logger('welcome');

/** Joins older than this (a catch-up after a long outage) are not welcomed: the moment has passed. */
export const WELCOME_MAX_AGE_MS = 10 * 60_000;

export interface WelcomerOptions {
  home: string;
  executor: ActionExecutor;
  connector(sourceId: string): Connector | undefined;
  /** A wave ends after this long without a join (tests make it long and flush by hand). */
  quietMs?: number;
  /** ... and at the latest this long after its first join, so a raid that never stops is welcomed once per cap. */
  maxWaveMs?: number;
  now?: () => number;
}

interface Wave {
  settings: WelcomeSettings;
  firstEventId: string;
  newcomers: Newcomer[];
  started: number;
  timer: NodeJS.Timeout | undefined;
}

/** A name-based uuid (version 5 layout over SHA-1): the same wave always gives the same key. */
export function welcomeKey(...parts: string[]): string {
  const hash = createHash('sha1').update(`tribekeeper/welcome\u0000${parts.join('\u0000')}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export class Welcomer {
  private settings: WelcomeSettings[] = [];
  /** The console-wide links (Settings → Community); undefined until saved once. A welcome without its own rules link uses this one. */
  private links: ReplyLinks | undefined;
  private readonly waves = new Map<string, Wave>();
  private readonly seen = new Set<string>();
  private readonly writes = new SerialQueue();
  private readonly sending = new Set<Promise<unknown>>();
  /** Per space (`source\0space`), the raid incidents (flag groups) triage opened that no one has resolved yet. */
  private readonly openRaids = new Map<string, Set<string>>();
  /** Raid incidents a moderator resolved: their late raiders are still not welcomed, nor do they pause again. */
  private readonly endedRaids = new Set<string>();

  constructor(private readonly options: WelcomerOptions) {}

  private get file(): string {
    return join(this.options.home, 'welcome.json');
  }

  private get linksFile(): string {
    return join(this.options.home, 'reply-links.json');
  }

  /** The console-wide rules link a space's welcome inherits ('' while none is set). */
  inheritedRulesLink(): string {
    return (this.links ?? NO_REPLY_LINKS).rulesLink;
  }

  async start(): Promise<void> {
    try {
      const parsed = WelcomeSettingsListSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      if (parsed.success) this.settings = parsed.data;
      else log.warn('welcome.json is not valid; no welcomes until they are saved again');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('welcome.json could not be read', error);
    }
    try {
      const parsed = ReplyLinksSchema.safeParse(JSON.parse(await readFile(this.linksFile, 'utf8')));
      if (parsed.success) this.links = parsed.data;
      else log.warn('reply-links.json is not valid; the links are asked for again');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('reply-links.json could not be read', error);
    }
  }

  /** Sends what is gathered (at stop, and in tests) and waits for the sends. */
  async flush(): Promise<void> {
    for (const key of [...this.waves.keys()]) this.send(key);
    await Promise.all([...this.sending]);
  }

  async stop(): Promise<void> {
    await this.flush();
  }

  /** How many joins wait in open waves (tests wait on it). */
  pending(): number {
    let n = 0;
    for (const wave of this.waves.values()) n += wave.newcomers.length;
    return n;
  }

  handlers(): CommandHandlers<'welcome'> & CommandHandlers<'links'> {
    return {
      'links.get': () => Promise.resolve(this.links ? { links: this.links } : {}),
      'links.save': async ({ links }): Promise<Result<ReplyLinks>> => {
        await this.writes.run(() => writeFileAtomic(this.linksFile, JSON.stringify(links)));
        this.links = links;
        return { ok: true, value: links };
      },
      'welcome.get': () => Promise.resolve({ settings: this.settings }),
      'welcome.resume': ({ sourceId, spaceId, group }) => {
        this.raidResolved(sourceId, spaceId, group);
        return Promise.resolve({ paused: this.paused(sourceId, spaceId) });
      },
      'welcome.save': async ({ settings: asSaved }): Promise<Result<{ spaces: number }>> => {
        // A page that still shows a group under its old id saves its welcome where the group went.
        const settings = this.followMoves(asSaved);
        await this.writes.run(() => writeFileAtomic(this.file, JSON.stringify(settings)));
        this.settings = settings;
        return { ok: true, value: { spaces: settings.length } };
      },
    };
  }

  /**
   * A space continues under another id (a Telegram basic group upgraded to a supergroup): its welcome goes
   * with it, unless the new space already has one of its own. Saved like a moderator's change.
   */
  async spaceMoved(sourceId: string, from: string, to: string): Promise<void> {
    this.moves.set(`${sourceId}\u0000${from}`, to);
    const next = this.followMoves(this.settings);
    if (next === this.settings) return;
    await this.writes.run(() => writeFileAtomic(this.file, JSON.stringify(next)));
    this.settings = next;
    log.info('a welcome followed its group to the supergroup it became');
  }

  /** Spaces that continue under another id (source + old id → new id), this run. */
  private readonly moves = new Map<string, string>();

  /** The settings with each moved space's welcome under its new id (unless the new one has its own); the same list when none moved. */
  private followMoves(list: WelcomeSettings[]): WelcomeSettings[] {
    let changed = false;
    const next = list.map((s) => {
      const to = this.moves.get(`${s.sourceId}\u0000${s.spaceId}`);
      if (to === undefined || list.some((o) => o.sourceId === s.sourceId && o.spaceId === to)) return s;
      changed = true;
      return { ...s, spaceId: to, ...(s.channelId === s.spaceId ? { channelId: to } : {}) };
    });
    return changed ? next : list;
  }

  /** Whether a space's welcomes wait for a raid item to be resolved. */
  paused(sourceId: string, spaceId: string): boolean {
    return (this.openRaids.get(`${sourceId}\u0000${spaceId}`)?.size ?? 0) > 0;
  }

  /**
   * A moderator resolved a raid item: the space's welcomes resume with the next join. Nobody who joined
   * during the raid is welcomed afterwards (their joins were dropped, not held).
   */
  raidResolved(sourceId: string, spaceId: string, group: string): void {
    const key = `${sourceId}\u0000${spaceId}`;
    const open = this.openRaids.get(key);
    if (open?.delete(group) && open.size === 0) this.openRaids.delete(key);
    this.endedRaids.add(`${key}\u0000${group}`);
    if (this.endedRaids.size > 1_000) this.endedRaids.delete(this.endedRaids.values().next().value!);
  }

  /**
   * Every event a connector brings, with the flags triage gave it; a new member's join joins its space's
   * wave. A join triage marks as a raid opens a pause instead: the wave it was part of is dropped (raiders
   * get no welcome at all), and so is every join until the raid item is resolved (`welcome.resume`).
   */
  observe(event: ChatEvent, flags: readonly Flag[] = []): void {
    if (event.kind !== 'join' || !event.author || event.author.bot) return;
    const key = `${event.sourceId}\u0000${event.spaceId}`;
    const raid = flags.find((f) => f.category === 'raid' && f.group !== undefined)?.group;
    if (raid !== undefined && !this.endedRaids.has(`${key}\u0000${raid}`)) {
      const open = this.openRaids.get(key) ?? new Set<string>();
      if (open.size === 0) this.discard(key);
      open.add(raid);
      this.openRaids.set(key, open);
    }
    if (raid !== undefined || this.openRaids.has(key)) return;
    const settings = this.settings.find((s) => s.enabled && s.sourceId === event.sourceId && s.spaceId === event.spaceId);
    if (!settings) return;
    const now = this.options.now?.() ?? Date.now();
    if (now - event.ts > WELCOME_MAX_AGE_MS) return;
    // Resume and catch-up repeat events; a member is welcomed for one join once.
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    if (this.seen.size > 20_000) this.seen.delete(this.seen.values().next().value!);
    let wave = this.waves.get(key);
    if (!wave) {
      wave = { settings, firstEventId: event.id, newcomers: [], started: now, timer: undefined };
      this.waves.set(key, wave);
    }
    const author = event.author;
    wave.newcomers.push({ id: author.id, name: author.displayName ?? author.name, ...(author.locale ? { locale: author.locale } : {}) });
    if (wave.timer) clearTimeout(wave.timer);
    const quiet = this.options.quietMs ?? 20_000;
    const left = (this.options.maxWaveMs ?? 10 * 60_000) - (now - wave.started);
    wave.timer = setTimeout(() => this.send(key), Math.max(0, Math.min(quiet, left)));
    wave.timer.unref?.();
  }

  /** Drops a space's open wave unsent (the raid's first joins, before triage called it a raid). */
  private discard(key: string): void {
    const wave = this.waves.get(key);
    if (!wave) return;
    if (wave.timer) clearTimeout(wave.timer);
    this.waves.delete(key);
    log.info(`a join wave of ${wave.newcomers.length} turned out to be a raid: no welcome`);
  }

  private send(key: string): void {
    const wave = this.waves.get(key);
    if (!wave) return;
    this.waves.delete(key);
    if (wave.timer) clearTimeout(wave.timer);
    const { settings } = wave;
    const connector = this.options.connector(settings.sourceId);
    if (!connector) return;
    // A {placeholder} without a value (no rules link here nor console-wide) would reach members as braces.
    const inherited = this.inheritedRulesLink();
    const gaps = welcomeGaps(settings, inherited);
    if (gaps.length > 0) {
      log.warn(`welcome not sent: ${gaps.join(', ')} not filled (${wave.newcomers.length} newcomer(s))`);
      return;
    }
    const space = connector.info().spaces.find((s) => s.id === settings.spaceId);
    const place = { sourceId: settings.sourceId, platform: settings.platform, spaceId: settings.spaceId, reason: 'welcome' };
    const intents: ActionIntent[] = [];
    const dm = settings.delivery === 'dm' && capabilities[settings.platform].dm.supported;
    // A DM each to a few newcomers; a wave larger than that (a raid) gets the one channel welcome, if any.
    if (dm && wave.newcomers.length <= WELCOME_NAMES_SHOWN) {
      for (const member of wave.newcomers) {
        const { text } = welcomeText(settings, [member], inherited, { name: space?.name ?? '', ...(space?.language ? { language: space.language } : {}) });
        intents.push({ ...place, channelId: settings.channelId ?? settings.spaceId, key: welcomeKey(wave.firstEventId, 'dm', member.id), kind: 'dm', memberId: member.id, text });
      }
    } else if (settings.channelId) {
      const { text } = welcomeText(settings, wave.newcomers, inherited, { name: space?.name ?? '', ...(space?.language ? { language: space.language } : {}) });
      intents.push({ ...place, channelId: settings.channelId, key: welcomeKey(wave.firstEventId, 'channel'), kind: 'reply', text });
    }
    for (const intent of intents) {
      const sent = this.options.executor.execute(intent, actionPlatform(connector)).then(
        (result) => {
          if (result.ok) log.info(`welcome for ${wave.newcomers.length} newcomer(s) ${result.value.duplicate ? 'was already sent' : 'sent'} (${intent.key})`);
          else log.warn(`welcome not sent: ${result.error.code} (${intent.key})`);
        },
        (error: unknown) => log.error(`welcome failed (${intent.key})`, error),
      );
      this.sending.add(sent);
      void sent.finally(() => this.sending.delete(sent));
    }
  }
}
