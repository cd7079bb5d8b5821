// Announcements store: publishes one draft (and its versions in other languages) to the chosen spaces
// through the outbox (one action per message and space, run in order so the parts of a long one arrive
// in order), keeps the list of sent announcements read from the outbox, reloaded whenever the outbox
// changes, and the language a moderator set for each space (kept on this computer).
import { create } from 'zustand';
import { z } from 'zod';
import { announcementIntents, previewAnnouncement, type AnnouncementTarget } from '@shared/announce/compose';
import type { ActionIntent } from '@shared/domain/actions';
import { LanguageTagSchema, type AnnouncementVersion } from '@shared/announce/languages';
import { getDb } from '../../db/instance';
import { useActions } from '../../stores/actions';
import { useTeam } from '../../stores/team';
import { sentAnnouncements, type SentAnnouncement, type SentSpace } from './history';

/** The settings row with each space's language, by space choice id (`sourceId:spaceId`). */
const SPACE_LANGUAGES = 'spaceLanguages';
const SpaceLanguagesSchema = z.record(z.string().max(420), LanguageTagSchema);

interface AnnouncementsState {
  sent: SentAnnouncement[];
  publishing: boolean;
  /** Why the last publish could not run, as an i18n key. */
  problem: string | undefined;
  /** The language a moderator set per space choice id; a space without one uses what its platform tells. */
  spaceLanguages: Readonly<Record<string, string>>;
  publish(input: { draft: string; versions?: readonly AnnouncementVersion[]; targets: readonly AnnouncementTarget[]; pin: boolean }): Promise<void>;
  load(): Promise<void>;
  /**
   * Edits what one space received to a new draft: one edit per posted part, through the outbox. The
   * new text must take as many messages as the old (a part cannot be added or taken away in place).
   */
  edit(announcementId: string, space: SentSpace, draft: string): Promise<boolean>;
  /** Deletes every posted message of an announcement, in every space, through the outbox. */
  remove(announcement: SentAnnouncement): Promise<void>;
  /** Creates the Discord scheduled event of a plan's first occurrence, through the outbox. */
  createEvent(input: { planId: string; sourceId: string; spaceId: string; channelId: string; entity: 'voice' | 'stage'; draft: string; start: number }): Promise<void>;
  /** Cancels the Discord events of a plan (of one occurrence, when its start is given), through the outbox. */
  cancelEvents(planId: string, occurrence?: number): Promise<void>;
  /** Posts one poll to each target through the outbox; answers how many were confirmed. */
  postPoll(input: { question: string; answers: readonly string[]; multiple: boolean; hours: number; targets: readonly AnnouncementTarget[] }): Promise<number>;
  loadSpaceLanguages(): Promise<void>;
  /** Sets (or, with undefined, clears) a space's language. */
  setSpaceLanguage(choiceId: string, language: string | undefined): Promise<void>;
}

export const useAnnouncements = create<AnnouncementsState>()((set, get) => ({
  sent: [],
  publishing: false,
  problem: undefined,
  spaceLanguages: {},

  async publish({ draft, versions, targets, pin }) {
    if (get().publishing) return;
    if (!draft.trim()) return set({ problem: 'announce.problem.empty' });
    if (targets.length === 0) return set({ problem: 'announce.problem.noSpace' });
    set({ publishing: true, problem: undefined });
    try {
      const intents = announcementIntents({ announcementId: crypto.randomUUID(), draft, ...(versions ? { versions } : {}), targets, pin, newKey: () => crypto.randomUUID() });
      // Each intent is in the outbox before it runs: offline, they wait and replay in this order.
      for (const intent of intents) await useActions.getState().run(intent);
    } catch {
      set({ problem: 'announce.problem.store' });
    } finally {
      set({ publishing: false });
      await get().load();
    }
  },

  async load() {
    const rows = await getDb().actions.toArray();
    set({ sent: sentAnnouncements(rows) });
  },

  async edit(announcementId, space, draft) {
    if (get().publishing) return false;
    if (!draft.trim()) {
      set({ problem: 'announce.problem.empty' });
      return false;
    }
    const messages = previewAnnouncement(draft, space.platform).messages;
    if (messages.length !== space.messageIds.length || space.messageIds.some((id) => id === undefined)) {
      set({ problem: messages.length !== space.messageIds.length ? 'announce.problem.partsChanged' : 'announce.problem.notPosted' });
      return false;
    }
    set({ publishing: true, problem: undefined });
    try {
      const editId = crypto.randomUUID();
      const intents = messages.map((m, part): ActionIntent => ({
        key: crypto.randomUUID(),
        kind: 'edit',
        sourceId: space.sourceId,
        platform: space.platform,
        spaceId: space.spaceId,
        channelId: space.channelId,
        messageId: space.messageIds[part] ?? '',
        text: m.text,
        ...(m.entities ? { entities: m.entities } : {}),
        announcementId,
        editId,
        ...(part === 0 ? { draft } : {}),
      }));
      for (const intent of intents) await useActions.getState().run(intent);
      return true;
    } catch {
      set({ problem: 'announce.problem.store' });
      return false;
    } finally {
      set({ publishing: false });
      await get().load();
    }
  },

  async remove(announcement) {
    if (get().publishing) return;
    set({ publishing: true, problem: undefined });
    try {
      for (const space of announcement.spaces) {
        for (const messageId of space.messageIds) {
          if (messageId === undefined) continue;
          await useActions.getState().run({
            key: crypto.randomUUID(),
            kind: 'delete',
            sourceId: space.sourceId,
            platform: space.platform,
            spaceId: space.spaceId,
            channelId: space.channelId,
            messageId,
          });
        }
      }
    } catch {
      set({ problem: 'announce.problem.store' });
    } finally {
      set({ publishing: false });
      await get().load();
    }
  },

  async createEvent({ planId, sourceId, spaceId, channelId, entity, draft, start }) {
    // The event shows plain words: the draft as Telegram's visible text (no markdown markers).
    const visible = previewAnnouncement(draft, 'telegram').messages.map((m) => m.text).join('\n');
    const name = (visible.split('\n').find((l) => l.trim()) ?? visible).trim().slice(0, 100);
    try {
      await useActions.getState().run({
        key: crypto.randomUUID(),
        kind: 'event',
        op: 'create',
        sourceId,
        platform: 'discord',
        spaceId,
        channelId,
        name,
        ...(visible.length > name.length ? { description: visible.slice(0, 1000) } : {}),
        start,
        entity,
        planId,
      });
    } catch {
      set({ problem: 'announce.problem.store' });
    } finally {
      await get().load();
    }
  },

  async cancelEvents(planId, occurrence) {
    // The plan's events the team ledger knows are cancelled through main, whichever console made them.
    const shared = Object.entries(useTeam.getState().view?.state.posts[planId]?.events ?? {});
    for (const [event, e] of shared) {
      if (e.cancelled || (occurrence !== undefined && e.start !== occurrence)) continue;
      if (!(await useTeam.getState().run('posts.event', { id: planId, event, op: 'cancel' }))) return;
    }
    // Events this console made that the ledger does not hold yet (its record still on its way).
    const known = new Set(shared.map(([event]) => event));
    const rows = await getDb().actions.toArray();
    const created = rows.filter(
      (r) =>
        r.intent.kind === 'event' &&
        r.intent.op === 'create' &&
        r.intent.planId === planId &&
        r.status === 'confirmed' &&
        r.receipt?.createdMessageId &&
        !known.has(r.receipt.createdMessageId) &&
        (occurrence === undefined || r.intent.start === occurrence),
    );
    try {
      for (const row of created) {
        const intent = row.intent;
        if (intent.kind !== 'event' || !row.receipt?.createdMessageId) continue;
        await useActions.getState().run({ ...intent, key: crypto.randomUUID(), op: 'cancel', eventId: row.receipt.createdMessageId });
      }
    } catch {
      set({ problem: 'announce.problem.store' });
    }
  },

  async postPoll({ question, answers, multiple, hours, targets }) {
    if (get().publishing) return 0;
    set({ publishing: true, problem: undefined });
    let confirmed = 0;
    try {
      for (const t of targets) {
        const row = await useActions.getState().run({
          key: crypto.randomUUID(),
          kind: 'poll',
          sourceId: t.sourceId,
          platform: t.platform,
          spaceId: t.spaceId,
          channelId: t.channelId,
          question: question.trim(),
          answers: answers.map((a) => a.trim()).filter(Boolean),
          multiple,
          hours,
        });
        if (row?.status === 'confirmed') confirmed++;
      }
    } catch {
      set({ problem: 'announce.problem.store' });
    } finally {
      set({ publishing: false });
    }
    return confirmed;
  },

  async loadSpaceLanguages() {
    const row = await getDb().settings.get(SPACE_LANGUAGES);
    const parsed = SpaceLanguagesSchema.safeParse(row?.value ?? {});
    set({ spaceLanguages: parsed.success ? parsed.data : {} });
  },

  async setSpaceLanguage(choiceId, language) {
    const next: Record<string, string> = { ...get().spaceLanguages };
    if (language) next[choiceId] = language;
    else delete next[choiceId];
    set({ spaceLanguages: next });
    try {
      await getDb().settings.put({ key: SPACE_LANGUAGES, value: next });
    } catch {
      set({ problem: 'announce.problem.store' });
    }
  },
}));
