// Similarity keys of a flagged message: two messages that share a key are the same lure, so the inbox
// folds them into one item (one spammer repeating it, or many accounts posting it, on any platform).
// Keys are computed once in main, where triage runs, and travel with the envelope.
import type { Flag } from '../domain/model';
import { textKey } from './behaviour';
import { extractLinks } from './links';
import { canonical, normalize } from './normalize';

/** Categories whose links are the payload: a second message pointing at the same host is the same campaign. */
const LINK_CATEGORIES = new Set<Flag['category']>(['scam', 'phishing', 'spam', 'mention-spam']);
/** A text key needs this many words: "lol", "gm" and short insults repeat naturally in any crowd. */
const MIN_WORDS = 4;
export const MAX_SIMILARITY_KEYS = 4;

/**
 * `t:` + the text with its links reduced to their hosts, folded (case, look-alikes, leet, spacing),
 * without numbers (per-message codes, counters); `l:` + the host of each link when the flag is about
 * what the message links to. Empty for an unflagged message.
 */
export function similarityKeys(text: string | undefined, flags: readonly Flag[]): string[] {
  if (!text || flags.length === 0) return [];
  const norm = normalize(text);
  const links = extractLinks(norm);
  const keys: string[] = [];
  if (links.length > 0 && flags.some((f) => LINK_CATEGORIES.has(f.category))) {
    for (const link of links) {
      const key = `l:${link.foldedHost}`;
      if (!keys.includes(key)) keys.push(key);
      if (keys.length >= MAX_SIMILARITY_KEYS - 1) break;
    }
  }
  let rest = '';
  let at = 0;
  for (const link of links) {
    rest += `${text.slice(at, link.start)} ${link.foldedHost} `;
    at = link.end;
  }
  rest += text.slice(at);
  const words = canonical(rest.replace(/\p{N}+/gu, ' '))
    .split(' ')
    .filter((w) => w.length > 0);
  if (words.length >= MIN_WORDS) keys.unshift(`t:${textKey(words.join(' ')).toString(36)}`);
  return keys.slice(0, MAX_SIMILARITY_KEYS);
}
