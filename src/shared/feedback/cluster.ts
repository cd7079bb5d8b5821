// Members' feedback, bug reports and ideas, marked by moderators from the inbox, folded into clusters:
// the same wording once case, look-alike letters, punctuation and numbers are set aside, or close
// wording (most of the words shared), within one kind. Each cluster counts its reports, reporters and
// platforms; its status (new → sent → planned → done) is the team's.
import { z } from 'zod';
import { PlatformSchema } from '../domain/model';
import { canonical } from '../triage/normalize';

export const FeedbackKindSchema = z.enum(['feedback', 'bug', 'idea']);
export type FeedbackKind = z.infer<typeof FeedbackKindSchema>;
export const FeedbackStatusSchema = z.enum(['new', 'sent', 'planned', 'done']);
export type FeedbackStatus = z.infer<typeof FeedbackStatusSchema>;

export const FeedbackMarkSchema = z
  .object({
    /** The event id of the message (platform:space:channel:native), so a message is marked once. */
    eventId: z.string().min(1).max(400),
    kind: FeedbackKindSchema,
    text: z.string().min(1).max(4000),
    platform: PlatformSchema,
    spaceId: z.string().max(200),
    author: z.string().max(200),
    at: z.number().int().nonnegative(),
  })
  .strict();
export type FeedbackMark = z.infer<typeof FeedbackMarkSchema>;

export interface FeedbackCluster {
  /** Stable while the cluster's first report stays: the first report's event id. */
  id: string;
  kind: FeedbackKind;
  /** The first report's text, as the title. */
  title: string;
  count: number;
  reporters: string[];
  platforms: FeedbackMark['platform'][];
  marks: FeedbackMark[];
}

/** Words that carry the meaning: folded, numbers and very short words dropped. */
function words(text: string): Set<string> {
  return new Set(
    canonical(text.replace(/\p{N}+/gu, ' '))
      .split(' ')
      .filter((w) => w.length > 2),
  );
}

/** Shared words over all words (Jaccard); two reports this close are one request. */
export const CLOSE_WORDING = 0.5;

function close(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared) >= CLOSE_WORDING;
}

/** Clusters in the order their first report came, newest reports last within each. */
export function clusterFeedback(marks: readonly FeedbackMark[]): FeedbackCluster[] {
  const clusters: Array<FeedbackCluster & { keys: Set<string>[] }> = [];
  for (const mark of [...marks].sort((a, b) => a.at - b.at || (a.eventId < b.eventId ? -1 : 1))) {
    const key = words(mark.text);
    const home = clusters.find((c) => c.kind === mark.kind && c.keys.some((k) => close(k, key)));
    if (home) {
      home.marks.push(mark);
      home.keys.push(key);
      home.count++;
      if (!home.reporters.includes(mark.author)) home.reporters.push(mark.author);
      if (!home.platforms.includes(mark.platform)) home.platforms.push(mark.platform);
    } else {
      clusters.push({ id: mark.eventId, kind: mark.kind, title: mark.text.slice(0, 200), count: 1, reporters: [mark.author], platforms: [mark.platform], marks: [mark], keys: [key] });
    }
  }
  return clusters.map(({ keys: _keys, ...c }) => c);
}
