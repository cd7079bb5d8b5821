// The desktop notices a rule's notify action asks for (issue 15): one per event and rule action key
// (main derives the key from the event, so a catch-up that brings the event again notifies nobody
// twice), worded in the moderator's language; none for a rule in dry run or for an event without flags.
import i18next from 'i18next';
import { inboxItemIdFor } from '@shared/domain/inbox';
import type { Envelope } from '@shared/domain/model';
import type { NoticeTarget } from '@shared/ipc/contract';
import { flagReasonInWords } from './flagReason';

export interface RuleNotice {
  id: string;
  title: string;
  body: string;
  target: NoticeTarget;
}

export function ruleNotices(batch: readonly Envelope[]): RuleNotice[] {
  const out: RuleNotice[] = [];
  for (const env of batch) {
    for (const auto of env.automatic ?? []) {
      if (auto.kind !== 'notify' || auto.dryRun) continue;
      const itemId = inboxItemIdFor(env);
      const flag = env.flags.find((f) => f.rule === auto.rule) ?? env.flags[0];
      const author = env.event.author ? (env.event.author.displayName ?? env.event.author.name) : '';
      out.push({
        id: `rule-notify:${auto.key}`,
        title: i18next.t('item.automatic.notice', { rule: auto.rule, author }),
        body: (flag ? flagReasonInWords(i18next.t, flag) : auto.rule).slice(0, 500),
        target: itemId ? { itemId } : { view: 'inbox' },
      });
    }
  }
  return out;
}
