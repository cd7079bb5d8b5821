// A flag's reason in the moderator's language. The built-in rules' reasons are worded here per rule id
// (the evidence kept as the platform wrote it); a team's own rule keeps the words the team wrote.
import type { TFunction } from 'i18next';
import type { Flag } from '@shared/domain/model';
// The pack's data only: the engine stays out of the start bundle (it loads with the rule editor).
import { defaultPack } from '@shared/triage/defaultPack';
import { MODEL_READS_LIKE } from '@shared/triage/model/classifier';

const BUILT_IN = new Map(defaultPack.rules.map((r) => [r.id, r.reason]));
const CARE = ' — needs a caring reply';

/** The i18n key of a built-in rule's reason: rule ids hold dots, which i18next would read as nesting. */
export const reasonKey = (rule: string) => `flagReason.${rule.replace(/\./g, '_')}`;

/** The learned model's reason as the engine writes it (model/classifier.ts): what it reads like, the words, the score. */
const MODEL_REASON = /^(reads like [^:(]+?)(?:: (.*?))? \(model, (\d+)%\)( — needs a caring reply)?$/;
const MODEL_CATEGORY = new Map(Object.entries(MODEL_READS_LIKE).map(([category, words]) => [words, category]));

export function flagReasonInWords(t: TFunction, flag: Pick<Flag, 'rule' | 'reason'>): string {
  if (flag.rule === 'model') {
    const m = MODEL_REASON.exec(flag.reason);
    const category = m ? MODEL_CATEGORY.get(m[1]!) : undefined;
    if (!m || !category) return flag.reason;
    const words = t(`flagReason.model.${category}`, { words: m[2] ?? '', score: m[3], defaultValue: '' });
    return words ? words + (m[4] ? t('flagReason.care') : '') : flag.reason;
  }
  const template = BUILT_IN.get(flag.rule);
  if (!template) return flag.reason;
  let reason = flag.reason;
  let care: string | undefined;
  const at = reason.indexOf(CARE);
  if (at >= 0) {
    const macro = /\(macro: ([^)]*)\)$/.exec(reason.slice(at + CARE.length))?.[1];
    care = macro ? t('flagReason.careMacro', { macro }) : t('flagReason.care');
    reason = reason.slice(0, at);
  }
  const cut = template.indexOf('{match}');
  let match: string | undefined;
  let detail: string | undefined;
  if (cut >= 0) {
    const before = template.slice(0, cut);
    const after = template.slice(cut + '{match}'.length);
    // The team changed the built-in reason: theirs are the words to show.
    if (!reason.startsWith(before) || !reason.endsWith(after) || reason.length < before.length + after.length) return flag.reason;
    match = reason.slice(before.length, reason.length - after.length);
  } else if (reason === template) {
    match = undefined;
  } else if (reason.startsWith(`${template}: `)) {
    detail = reason.slice(template.length + 2);
  } else return flag.reason;
  const key = reasonKey(flag.rule);
  const words = t(key, { match: match ?? '', defaultValue: '' });
  if (!words) return flag.reason;
  return [detail ? `${words}: ${detail}` : words, care].filter(Boolean).join('');
}
