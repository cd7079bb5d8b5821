// Releasing a held message (issue 15): no platform can put a deleted message back, so the bot posts the
// member's text again where it was, quoted and attributed. The text is hostile data: it is rendered as
// plain text for its platform (markup escaped, mentions defused), so the repost pings nobody and every
// line stays inside the quote.
import type { Platform } from '../domain/model';
import type { ReplyDocument } from './draft';
import { PLATFORM_LIMITS, renderDocument, telegramVisibleText } from './format';

/** The repost's first line. Members read it in the community's channel, like the bot's other notes, so it is plain English. */
export const releaseHeader = (author: string) => `Message from ${author}, released by the moderators:`;

/** A reply may carry this many characters (the action's limit), whatever the platform allows. */
const REPLY_MAX = 4000;

/** Plain text as the platform shows it: what would be markup is escaped, mentions are defused. */
function plain(text: string, platform: Platform): string {
  const doc: ReplyDocument = { blocks: [{ kind: 'paragraph', runs: [{ text }] }] };
  const rendered = renderDocument(doc, platform);
  return rendered.parseMode === 'HTML' ? telegramVisibleText(rendered.text) : rendered.text;
}

/** The release's text: the header naming the author, then each line of the member's message quoted; cut to fit one message. */
export function releaseText(platform: Platform, authorName: string, text: string): string {
  const header = plain(releaseHeader(`@${authorName}`), platform);
  const limit = Math.min(PLATFORM_LIMITS[platform], REPLY_MAX);
  const lines = plain(text, platform).split('\n');
  let out = header;
  for (const line of lines) {
    const next = `${out}\n> ${line}`;
    if (next.length > limit) return `${out.slice(0, limit - 1)}…`;
    out = next;
  }
  return out;
}

/**
 * The outbox key of a hold's release, derived from the hold's own key: a second click, a replay or a
 * reload finds the same outbox row, so the message is reposted once. Every hex digit but the version and
 * variant moves by 8, so it is a valid UUID and never the hold's key.
 */
export function releaseKey(holdKey: string): string {
  let i = 0;
  return holdKey.toLowerCase().replace(/[0-9a-f]/g, (d) => {
    const at = i++;
    return at === 12 || at === 16 ? d : ((parseInt(d, 16) + 8) % 16).toString(16);
  });
}
