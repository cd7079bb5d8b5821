// Compose once, publish everywhere: one announcement draft (the reply macros' markdown subset) rendered
// for each platform with the reply formatter — Discord markdown, Telegram entities, WhatsApp markers,
// split at each platform's limit — and turned into one outbox intent per message and space.
import type { ActionIntent, MessageEntity } from '../domain/actions';
import type { Platform } from '../domain/model';
import { parseDraft } from '../replies/draft';
import { PLATFORM_LIMITS, renderForPlatform } from '../replies/format';
import { draftFor, type AnnouncementVersion } from './languages';

export interface AnnouncementMessage {
  /** What is sent: markdown (Discord), marked text (WhatsApp), or the visible text (Telegram). */
  text: string;
  /** Telegram's formatting of `text`; absent elsewhere. */
  entities?: MessageEntity[];
  /** What the platform counts against its limit. */
  length: number;
}

export interface AnnouncementPreview {
  platform: Platform;
  limit: number;
  messages: AnnouncementMessage[];
  /** The draft was over the limit and became several messages. */
  split: boolean;
}

const HTML_ENTITY: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&amp;': '&' };
const TAG_TYPES: Record<string, MessageEntity['type']> = { b: 'bold', i: 'italic', code: 'code', pre: 'pre', a: 'text_link' };

/**
 * Telegram HTML as the reply formatter writes it (b, i, code, pre, a href) turned into the visible
 * text and its entities, offsets in UTF-16 units as Telegram counts. Unknown tags are dropped.
 */
export function telegramEntities(html: string): { text: string; entities: MessageEntity[] } {
  let text = '';
  const entities: MessageEntity[] = [];
  const open: { type: MessageEntity['type']; offset: number; url?: string }[] = [];
  const token = /<(\/?)([a-z]+)((?:\s+[a-z]+="[^"]*")*)\s*>|&(?:lt|gt|quot|amp);|[^<&]+|[<&]/g;
  for (const m of html.matchAll(token)) {
    const [whole, closing, tag, attrs] = m;
    if (tag === undefined) {
      text += HTML_ENTITY[whole] ?? whole;
      continue;
    }
    const type = TAG_TYPES[tag];
    if (!type) continue;
    if (!closing) {
      const href = /href="([^"]*)"/.exec(attrs ?? '')?.[1];
      const url = href?.replace(/&(?:lt|gt|quot|amp);/g, (e) => HTML_ENTITY[e] ?? e);
      open.push({ type, offset: text.length, ...(url !== undefined ? { url } : {}) });
      continue;
    }
    const at = open.map((o) => o.type).lastIndexOf(type);
    if (at === -1) continue;
    const [started] = open.splice(at, 1);
    if (!started || text.length === started.offset) continue;
    entities.push({ type, offset: started.offset, length: text.length - started.offset, ...(started.url !== undefined ? { url: started.url } : {}) });
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

/** The announcement as each platform will show it. */
export function previewAnnouncement(draft: string, platform: Platform): AnnouncementPreview {
  const rendered = renderForPlatform(parseDraft(draft), platform);
  const messages = rendered.messages.map((m): AnnouncementMessage => {
    if (m.parseMode !== 'HTML') return { text: m.text, length: m.length };
    const { text, entities } = telegramEntities(m.text);
    return { text, length: text.length, ...(entities.length ? { entities } : {}) };
  });
  return { platform, limit: PLATFORM_LIMITS[platform], messages, split: messages.length > 1 };
}

/** Where an announcement goes: one channel of one space of one connection. */
export interface AnnouncementTarget {
  sourceId: string;
  platform: Platform;
  spaceId: string;
  channelId: string;
  /** The space's language: it receives the version in that language, if there is one. */
  language?: string;
}

/**
 * One intent per message and target. Each has its own idempotency key (the outbox runs it once; the
 * connector derives Discord's nonce / Telegram's random_id from it), and only the first part pins.
 */
export function announcementIntents(input: {
  announcementId: string;
  draft: string;
  /** Versions in other languages; each target gets the one in its language, else `draft`. */
  versions?: readonly AnnouncementVersion[];
  targets: readonly AnnouncementTarget[];
  pin: boolean;
  newKey: () => string;
}): Extract<ActionIntent, { kind: 'announce' }>[] {
  const previews = new Map<string, AnnouncementPreview>();
  const out: Extract<ActionIntent, { kind: 'announce' }>[] = [];
  for (const target of input.targets) {
    const draft = draftFor(input.draft, input.versions ?? [], target.language);
    const cacheKey = `${target.platform}\n${draft}`;
    let preview = previews.get(cacheKey);
    if (!preview) {
      preview = previewAnnouncement(draft, target.platform);
      previews.set(cacheKey, preview);
    }
    const parts = preview.messages.length;
    preview.messages.forEach((m, part) => {
      out.push({
        key: input.newKey(),
        kind: 'announce',
        announcementId: input.announcementId,
        sourceId: target.sourceId,
        platform: target.platform,
        spaceId: target.spaceId,
        channelId: target.channelId,
        part,
        parts,
        text: m.text,
        ...(m.entities ? { entities: m.entities } : {}),
        pin: input.pin && part === 0,
        ...(part === 0 ? { draft } : {}),
      });
    });
  }
  return out;
}
