// The three kinds of member feedback and the key that marks the current item as each.
import type { FeedbackKind } from '@shared/feedback/cluster';

export const FEEDBACK_KINDS: ReadonlyArray<{ kind: FeedbackKind; key: string }> = [
  { kind: 'feedback', key: 'f' },
  { kind: 'bug', key: 'b' },
  { kind: 'idea', key: 'i' },
];
