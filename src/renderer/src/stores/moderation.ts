// Moderation store: the local settings cases need (your name, the rule list, the warn ladder, the
// mod-log channel), recording cases with their evidence, notes on members, appeal outcomes, and the
// member whose history is open.
import { z } from 'zod';
import { create } from 'zustand';
import {
  CaseSchema,
  CommunityRuleSchema,
  DEFAULT_LADDER,
  DEFAULT_RULES,
  MOD_LOG_TEMPLATE,
  WarnLadderSchema,
  caseExpiry,
  type AppealOutcome,
  type Case,
  type CaseAction,
  type CaseResult,
  type CommunityRule,
  type EvidenceSnapshot,
  type WarnLadder,
} from '@shared/domain/cases';
import type { InboxItem } from '@shared/domain/inbox';
import { issueProblem } from '@shared/domain/issues';
import type { Problem } from '@shared/domain/result';
import { DEFAULT_VOICE_GUIDE, NO_REPLY_LINKS, ReplyLinksSchema, VoiceGuideSchema, type ReplyLinks, type VoiceGuide } from '@shared/replies';
import { bridgeState, onBridgeState, send } from '../ipc/client';
import type { Platform } from '@shared/domain/model';
import { getDb } from '../db/instance';
import { useSources } from './sources';
import type { MemberNoteRow } from '../db/schema';
import { linkedAccounts } from '@shared/team/people';
import type { TeamState } from '@shared/team';

export interface MemberRef {
  sourceId: string;
  platform: Platform;
  spaceId: string;
  memberId: string;
  name: string;
}

export interface CaseInput {
  item: InboxItem;
  action: CaseAction;
  reason: string;
  ruleId?: string;
  durationSeconds?: number;
  actionKey?: string;
  /** Defaults to the item's author (a bulk ban names each target). */
  member?: { id: string; name: string };
  /** `pending` until the action that carries the case out is answered; `done` for a case with none. */
  result?: CaseResult;
  bulkId?: string;
}


const SETTINGS = {
  moderatorName: z.string().max(100),
  rules: z.array(CommunityRuleSchema).min(1).max(100),
  ladder: WarnLadderSchema,
  modLogChannel: z.string().max(100),
  modLogTemplate: z.string().trim().min(1).max(500),
  voiceGuide: VoiceGuideSchema,
  crisisLine: z.string().trim().max(300),
  replyLinks: ReplyLinksSchema,
} as const;

/** The community's own settings a moderator edits in Settings → Community; each is checked before it is kept. */
export const CommunitySettingsSchemas = SETTINGS;

export type { ReplyLinks };

interface ModerationState {
  moderatorName: string;
  /** True once the settings stored on this computer are read. */
  loaded: boolean;
  rules: CommunityRule[];
  ladder: WarnLadder;
  /** The channel cases are posted to, by name; empty turns the mod-log off. */
  modLogChannel: string;
  /** The mod-log entry with {action} {member} {member_id} {reason} {moderator}; values are filled in as text. */
  modLogTemplate: string;
  /** How this community's moderators sound: the tone check reads it. */
  voiceGuide: VoiceGuide;
  /**
   * The crisis line the team gives a member who may be at risk (a helpline's number or page for the
   * members' country), as the team typed it: the support reply's {support_link}. Empty until the team
   * fills it in; the app never makes one up.
   */
  crisisLine: string;
  /**
   * The community's rules page and how to appeal, which macros and the warning give members as
   * {rule_link} and {appeal_link}. Empty until the team fills them in (the placeholder stays visible).
   */
  replyLinks: ReplyLinks;
  /** The member whose history is shown, if any. */
  member: MemberRef | undefined;
  /** Bumped when cases or notes change, so views reading IndexedDB reload. */
  version: number;
  load(): Promise<void>;
  setModeratorName(name: string): Promise<void>;
  setModLogChannel(name: string): Promise<void>;
  /** Each checks its value with the setting's schema; a bad value is refused with the problems in words. */
  setRules(rules: CommunityRule[]): Promise<Problem[]>;
  setLadder(ladder: WarnLadder): Promise<Problem[]>;
  setVoiceGuide(guide: unknown): Promise<Problem[]>;
  setModLogTemplate(template: string): Promise<Problem[]>;
  setCrisisLine(line: string): Promise<Problem[]>;
  setReplyLinks(links: ReplyLinks): Promise<Problem[]>;
  openMember(member: MemberRef | undefined): void;
  recordCase(input: CaseInput): Promise<Case>;
  /** Writes what the platform answered onto a case; returns the case as stored, or undefined if none changed. */
  settleCase(id: string, result: Exclude<CaseResult, 'pending'>, error?: Case['error']): Promise<Case | undefined>;
  markModLogPosted(ids: readonly string[]): Promise<void>;
  addNote(member: MemberRef, text: string): Promise<void>;
  recordAppeal(caseId: string, outcome: AppealOutcome): Promise<void>;
}

/** Snapshots of the item's flagged messages as stored now; they stay with the case after a deletion. */
async function snapshot(item: InboxItem, memberId: string): Promise<EvidenceSnapshot[]> {
  const rows = await getDb().events.bulkGet(item.eventIds.slice(-200));
  const mine = rows.filter((r) => r && r.kind === 'message' && (r.author?.id ?? '') === memberId);
  const out: EvidenceSnapshot[] = mine.slice(-20).map((r) => ({
    eventId: r!.id,
    channelId: r!.channelId,
    ...(r!.channelName ? { channelName: r!.channelName } : {}),
    ...(r!.messageId ? { messageId: r!.messageId } : {}),
    authorName: r!.author?.displayName ?? r!.author?.name ?? '',
    text: (r!.originalText ?? r!.text ?? '').slice(0, 4000),
    ts: r!.ts,
  }));
  if (out.length === 0 && item.authorId === memberId && item.text) {
    out.push({ eventId: item.primaryEventId, channelId: item.channelId, channelName: item.channelName, messageId: item.messageId || undefined, authorName: item.authorName, text: item.text, ts: item.createdAt });
  }
  return out;
}

/** A refused setting's problems as data (where, code, fields); Settings → Community words them. */
function problems(error: z.ZodError, input: unknown): Problem[] {
  return error.issues.map((i) => issueProblem(i, input));
}

/** Whether the store reads the links at each connect already (once per page). */
let linksFollowed = false;

/** The links saved in main, as main kept them; undefined when main could not be reached or refused. */
async function saveLinks(links: ReplyLinks): Promise<ReplyLinks | undefined> {
  try {
    const res = await send('links.save', { links });
    return res.ok ? res.value : undefined;
  } catch (err) {
    console.warn('links.save did not reach the console', err);
    return undefined;
  }
}

/** The name the moderator gave in Shifts, offered before the settings were read. */
let offeredName: string | undefined;

/**
 * The moderator's name from Shifts (the team ledger): used wherever no name was typed here yet, so a
 * case and the timeout form never go out nameless when the moderator already said who they are.
 */
export function offerModeratorName(name: string): void {
  const state = useModeration.getState();
  if (!state.loaded) offeredName = name;
  else if (!state.moderatorName.trim() && name.trim()) void state.setModeratorName(name.trim());
}

export const useModeration = create<ModerationState>()((set, get) => {
  async function save<K extends keyof typeof SETTINGS>(key: K, value: z.infer<(typeof SETTINGS)[K]>): Promise<void> {
    await getDb().settings.put({ key, value });
  }
  /** A setting kept as the moderator gave it: checked by its schema, shown at once, then saved. */
  async function keep<K extends 'voiceGuide' | 'crisisLine' | 'replyLinks' | 'modLogTemplate'>(key: K, input: unknown): Promise<Problem[]> {
    const parsed = SETTINGS[key].safeParse(input);
    if (!parsed.success) return problems(parsed.error, input);
    const value = parsed.data as z.infer<(typeof SETTINGS)[K]>;
    if (key === 'replyLinks') {
      // Main keeps the links (welcomes read the rules link there too): saved there, or not at all.
      const saved = await saveLinks(value as ReplyLinks);
      if (!saved) return [{ path: [], code: 'not_saved' }];
      set({ replyLinks: saved });
      return [];
    }
    set({ [key]: value } as Partial<ModerationState>);
    await save(key, value);
    return [];
  }
  /**
   * The links as main keeps them. A pair this browser kept itself before main did (an older console) moves
   * to main once, and leaves this store: one rules link for replies and welcomes alike.
   */
  async function loadLinks(): Promise<void> {
    try {
      const row = await getDb().settings.get('replyLinks');
      const kept = row ? ReplyLinksSchema.safeParse(row.value) : undefined;
      const local = kept?.success ? kept.data : undefined;
      const { links } = await send('links.get', {});
      if (links) set({ replyLinks: links });
      else if (local && (local.rulesLink || local.appealLink)) {
        const saved = await saveLinks(local);
        if (!saved) return;
        set({ replyLinks: saved });
      }
      if (row) await getDb().settings.delete('replyLinks');
    } catch (err) {
      // Main out of reach: what this browser kept still fills replies; the move waits for the next connect.
      console.warn('links.get did not reach the console', err);
    }
  }
  return {
    moderatorName: '',
    loaded: false,
    rules: DEFAULT_RULES,
    ladder: DEFAULT_LADDER,
    modLogChannel: 'mod-log',
    modLogTemplate: MOD_LOG_TEMPLATE,
    voiceGuide: DEFAULT_VOICE_GUIDE,
    crisisLine: '',
    replyLinks: NO_REPLY_LINKS,
    member: undefined,
    version: 0,

    async load() {
      const rows = await getDb().settings.bulkGet(Object.keys(SETTINGS));
      const next: Partial<ModerationState> = {};
      for (const row of rows) {
        if (!row) continue;
        const key = row.key as keyof typeof SETTINGS;
        const parsed = SETTINGS[key]?.safeParse(row.value);
        if (parsed?.success) Object.assign(next, { [key]: parsed.data });
      }
      set({ ...next, loaded: true });
      // Main keeps the links: read (or moved there) at every connect, the first one included.
      if (!linksFollowed) {
        linksFollowed = true;
        try {
          onBridgeState((state) => {
            if (state === 'connected') void loadLinks();
          });
          if (bridgeState() === 'connected') await loadLinks();
        } catch (err) {
          console.warn('no console to read the links from', err);
        }
      }
      if (offeredName && !get().moderatorName.trim()) await get().setModeratorName(offeredName.trim());
    },

    async setModeratorName(name) {
      const clean = name.slice(0, 100);
      set({ moderatorName: clean });
      await save('moderatorName', clean);
    },

    async setModLogChannel(name) {
      const clean = name.trim().replace(/^#/, '').slice(0, 100);
      set({ modLogChannel: clean });
      await save('modLogChannel', clean);
    },

    async setRules(rules) {
      const parsed = SETTINGS.rules.safeParse(rules);
      if (!parsed.success) return problems(parsed.error, rules);
      const ids = new Set<string>();
      for (const r of parsed.data) {
        if (ids.has(r.id)) return [{ path: [parsed.data.indexOf(r), 'id'], code: 'duplicate_id', fields: { id: r.id } }];
        ids.add(r.id);
      }
      set({ rules: parsed.data });
      await save('rules', parsed.data);
      return [];
    },

    async setLadder(ladder) {
      const parsed = SETTINGS.ladder.safeParse(ladder);
      if (!parsed.success) return problems(parsed.error, ladder);
      const bad = parsed.data.steps.findIndex((s) => s.action === 'timeout' && !s.durationSeconds);
      if (bad >= 0) return [{ path: ['steps', bad, 'durationSeconds'], code: 'timeout_needs_duration' }];
      set({ ladder: parsed.data });
      await save('ladder', parsed.data);
      return [];
    },

    setVoiceGuide: (guide) => keep('voiceGuide', guide),

    setCrisisLine: (line) => keep('crisisLine', line),

    setReplyLinks: (links) => keep('replyLinks', links),

    setModLogTemplate: (template) => keep('modLogTemplate', template),

    openMember: (member) => set({ member }),

    async recordCase(input) {
      const { item } = input;
      const memberId = input.member?.id ?? item.authorId;
      const now = Date.now();
      const expiresAt = caseExpiry(input.action, now, input.durationSeconds, get().ladder);
      const record = CaseSchema.parse({
        id: crypto.randomUUID(),
        platform: item.platform,
        sourceId: item.sourceId,
        spaceId: item.spaceId,
        memberId,
        memberName: (input.member?.name ?? item.authorName).slice(0, 200),
        action: input.action,
        reason: input.reason,
        ...(input.ruleId ? { ruleId: input.ruleId } : {}),
        evidence: await snapshot(item, memberId),
        moderator: caseModerator(get().moderatorName, item.sourceId),
        createdAt: now,
        ...(expiresAt ? { expiresAt } : {}),
        ...(input.durationSeconds ? { durationSeconds: input.durationSeconds } : {}),
        ...(input.actionKey ? { actionKey: input.actionKey } : {}),
        inboxItemId: item.id,
        result: input.result ?? (input.actionKey ? 'pending' : 'done'),
        ...(input.bulkId ? { bulkId: input.bulkId } : {}),
      });
      await getDb().cases.add(record);
      set({ version: get().version + 1 });
      return record;
    },

    async settleCase(id, result, error) {
      const db = getDb();
      const settled = await db.transaction('rw', db.cases, async () => {
        const c = await db.cases.get(id);
        if (!c || (c.result !== undefined && c.result !== 'pending')) return undefined;
        const next: Case = { ...c, result, ...(error ? { error: { code: error.code, message: error.message.slice(0, 500) } } : {}) };
        await db.cases.put(next);
        return next;
      });
      if (settled) set({ version: get().version + 1 });
      return settled;
    },

    async markModLogPosted(ids) {
      const db = getDb();
      await db.transaction('rw', db.cases, async () => {
        for (const id of ids) await db.cases.update(id, { modLogPosted: true });
      });
    },

    async addNote(member, text) {
      const note: MemberNoteRow = { id: crypto.randomUUID(), sourceId: member.sourceId, memberId: member.memberId, text: text.slice(0, 2000), author: get().moderatorName, createdAt: Date.now() };
      await getDb().notes.add(note);
      set({ version: get().version + 1 });
    },

    async recordAppeal(caseId, outcome) {
      await getDb().cases.update(caseId, { appeal: { outcome, reviewer: get().moderatorName, at: Date.now() } });
      set({ version: get().version + 1 });
    },
  };
});

/** The cases of one member, newest first. */
export async function memberCases(sourceId: string, memberId: string): Promise<Case[]> {
  const rows = await getDb().cases.where('[sourceId+memberId]').equals([sourceId, memberId]).toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}

export async function memberNotes(sourceId: string, memberId: string): Promise<MemberNoteRow[]> {
  const rows = await getDb().notes.where('[sourceId+memberId]').equals([sourceId, memberId]).toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * The (sourceId, memberId) pairs a member's history is read from: the member, and every account the
 * team ledger links to the same person, through each connection of that account's platform.
 */
export function personPlaces(sourceId: string, memberId: string, persons: Pick<TeamState, 'persons'> | undefined): [string, string][] {
  const sources = useSources.getState().sources;
  const platform = sources.find((s) => s.id === sourceId)?.platform;
  if (!platform) return [[sourceId, memberId]];
  const out: [string, string][] = [[sourceId, memberId]];
  for (const account of linkedAccounts(persons, { p: platform, id: memberId })) {
    for (const s of sources) if (s.platform === account.p && !(s.id === sourceId && account.id === memberId)) out.push([s.id, account.id]);
  }
  return out;
}

/** Cases of a person: on this account and every linked one, newest first. */
export async function personCases(places: readonly [string, string][]): Promise<Case[]> {
  const rows = await getDb().cases.where('[sourceId+memberId]').anyOf(places.map((p) => [...p])).toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}

export async function personNotes(places: readonly [string, string][]): Promise<MemberNoteRow[]> {
  const rows = await getDb().notes.where('[sourceId+memberId]').anyOf(places.map((p) => [...p])).toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}

/** Which rule a flag points at, to preselect the required reason. */
export function ruleForItem(item: InboxItem, rules: readonly CommunityRule[]): CommunityRule | undefined {
  const byCategory: Record<string, string> = {
    scam: 'no-scams', phishing: 'no-scams', spam: 'no-spam', flood: 'no-spam', 'mention-spam': 'no-spam', toxicity: 'be-kind', nsfw: 'no-nsfw', raid: 'no-raids',
  };
  for (const c of item.categories) {
    const rule = rules.find((r) => r.id === byCategory[c]);
    if (rule) return rule;
  }
  return undefined;
}

export type { Case };

/**
 * Who a case names as its moderator: the name set in Settings, else the connection the action went
 * through (its bot or account name), so a mod-log post never reads "by ?".
 */
export function caseModerator(moderatorName: string, sourceId: string): string {
  const own = moderatorName.trim();
  if (own) return own;
  return useSources.getState().sources.find((s) => s.id === sourceId)?.self?.name.slice(0, 100) ?? '';
}
