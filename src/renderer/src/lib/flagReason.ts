// A flag's reason in the moderator's language, from its data (`Flag.why`): the built-in rules' reasons
// worded per rule id, what the engine found per code, the evidence kept as the platform wrote it; a team's
// own rule keeps the words the team wrote. A flag stored before reasons were data is read from its English.
import type { TFunction } from 'i18next';
import type { Flag, FlagWords } from '@shared/domain/model';
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

const PLATFORM_NAMES: Record<string, string> = { discord: 'Discord', telegram: 'Telegram', whatsapp: 'WhatsApp' };

/** The learned model's reading: what it reads like, the words that weighed most (as written), how sure. */
function modelInWords(t: TFunction, category: string, words: string, score: string | number, adapted: boolean): string | undefined {
  const what = t(`flagReason.model.${category}`, { defaultValue: '' });
  if (!what) return undefined;
  const by = t(adapted ? 'flagReason.modelByAdapted' : 'flagReason.modelBy');
  return words ? t('flagReason.modelSays', { what, words, by, score }) : t('flagReason.modelSaysBare', { what, by, score });
}

/** One part of a reason (a code and its fields) in words; undefined for a code this console does not know. */
export function wordsInLanguage(t: TFunction, w: FlagWords, match?: string): string | undefined {
  const f = w.fields ?? {};
  const text = (k: string) => (f[k] === undefined ? '' : String(f[k]));
  switch (w.code) {
    case 'rule':
      return t(reasonKey(text('rule')), { match: match ?? '', defaultValue: '' }) || undefined;
    case 'model':
      return modelInWords(t, text('category'), text('words'), text('score'), f.adapted === true);
    case 'flood':
      return t(f.pace === undefined ? 'flagReason.detail.flood' : 'flagReason.detail.floodPace', f);
    case 'handFlag':
      return t(f.note ? 'flagReason.detail.handFlagNote' : 'flagReason.detail.handFlag', f);
    case 'report':
      return t(f.note ? 'flagReason.detail.reportNote' : 'flagReason.detail.report', { ...f, count: Number(f.count ?? 1) });
    case 'raidJoins': {
      const share = t(`flagReason.raidShare.${text('share')}`, { percent: f.percent, defaultValue: '' });
      return share ? t('flagReason.detail.raidJoins', { ...f, share }) : undefined;
    }
    case 'automod': {
      const platform = PLATFORM_NAMES[text('platform')] ?? text('platform');
      const did = t(`flagReason.detail.automod.${text('response') || 'block'}`, { platform, defaultValue: '' });
      if (!did) return undefined;
      const parts = [did];
      if (f.rule) parts.push(t('flagReason.detail.automodRule', { rule: f.rule }));
      if (f.matched) parts.push(t('flagReason.detail.automodMatched', { matched: f.matched }));
      return parts.join(' · ');
    }
    default:
      return t(`flagReason.detail.${w.code}`, { ...f, defaultValue: '' }) || undefined;
  }
}

export function flagReasonInWords(t: TFunction, flag: Pick<Flag, 'rule' | 'reason' | 'why'>): string {
  const why = flag.why;
  if (why) {
    const base = why.own ?? (why.base ? wordsInLanguage(t, why.base, why.match) : undefined);
    const detail = why.detail ? wordsInLanguage(t, why.detail) : undefined;
    // A part this console has no words for (a newer engine's code): the engine's English says it all.
    if ((why.base && base === undefined) || (why.detail && detail === undefined) || (base === undefined && detail === undefined)) return flag.reason;
    const said = base !== undefined && detail !== undefined ? t('flagReason.joined', { base, detail }) : (base ?? detail)!;
    if (!why.care) return said;
    return said + (why.care.macro ? t('flagReason.careMacro', { macro: why.care.macro }) : t('flagReason.care'));
  }
  return storedReasonInWords(t, flag);
}

/** A flag stored before reasons were data: the built-in rules' and the model's English, read back. */
function storedReasonInWords(t: TFunction, flag: Pick<Flag, 'rule' | 'reason'>): string {
  if (flag.rule === 'model') {
    const m = MODEL_REASON.exec(flag.reason);
    const category = m ? MODEL_CATEGORY.get(m[1]!) : undefined;
    if (!m || !category) return flag.reason;
    const words = modelInWords(t, category, m[2] ?? '', m[3]!, false);
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
