// A member who writes to the bot in a DM is appealing or asking the moderators: one flag per DM,
// grouped per member, so all of one member's DMs become one inbox item (of kind appeal).
import { DIRECT_MESSAGE_SPACE } from '@shared/domain/model';
import type { ChatEvent, Flag } from '@shared/domain/model';
import type { TriageContext } from '@shared/triage';
import { englishWords, words } from '@shared/triage/reasons';
import type { Triage } from '../pipeline/pipeline';

export const APPEAL_RULE = 'appeal.direct-message';

export function appealGroup(platform: ChatEvent['platform'], authorId: string): string {
  return `appeal:${platform}:${authorId}`;
}

export function appealFlag(event: ChatEvent): Flag | undefined {
  // The bot's own answers in the DM are conversation, not a new appeal.
  if (event.kind !== 'message' || event.spaceId !== DIRECT_MESSAGE_SPACE || !event.author || event.author.bot) return undefined;
  return {
    rule: APPEAL_RULE,
    category: 'custom',
    severity: 'medium',
    reason: englishWords(words('appeal')),
    why: { detail: words('appeal') },
    evidence: [],
    group: appealGroup(event.platform, event.author.id),
  };
}

/** Triage plus the appeal rule; the community's own rules still run on DMs (a scam link in an appeal). */
export function withAppeals(triage: Triage): Triage {
  return {
    evaluate(event, context) {
      const appeal = appealFlag(event);
      const flags = context ? triage.evaluate(event, context) : triage.evaluate(event);
      return appeal ? [appeal, ...flags] : flags;
    },
    ...(triage.evaluateDetailed
      ? {
          evaluateDetailed(event: ChatEvent, context?: TriageContext) {
            const appeal = appealFlag(event);
            const evaluation = context ? triage.evaluateDetailed!(event, context) : triage.evaluateDetailed!(event);
            return appeal ? { ...evaluation, flags: [appeal, ...evaluation.flags] } : evaluation;
          },
        }
      : {}),
  };
}
