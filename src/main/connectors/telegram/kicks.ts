// Telegram has no kick: a kick is a ban, then lifting it. A console that dies between the two would
// leave the member banned for good, so the lifting still owed is written down before the ban (a file of
// main's own under TRIBE_HOME) and crossed out once done; the next start lifts what a crash left owed.
import { z } from 'zod';
import { KeyedListFile } from '../../util/keyedList';
import { logger } from '../../util/log';

const log = logger('telegram');

/** A ban a kick still has to lift: the kick's intent key, the group and the member with the access hashes to reach them after a restart. */
const OwedUnbanSchema = z.object({
  key: z.string().min(1).max(100),
  spaceId: z.string().min(1).max(100),
  accessHash: z.string().max(40),
  memberId: z.string().min(1).max(100),
  memberAccessHash: z.string().max(40),
  at: z.number().int().nonnegative(),
});
export type OwedUnban = z.infer<typeof OwedUnbanSchema>;
/** A kick's ban is lifted within seconds; more than this many owed is a file gone wrong. */
const MAX_OWED = 1_000;

/** The kicks whose ban is still to lift, rewritten whole and atomically on every change; none kept in memory only without a path. */
export class OwedUnbans extends KeyedListFile<OwedUnban> {
  constructor(path?: string) {
    super({ path, schema: OwedUnbanSchema, max: MAX_OWED, onUnreadable: () => log.warn('the file of kicks still to finish does not parse; starting without it') });
  }
}
