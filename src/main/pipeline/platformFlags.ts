// Flags the platform raised itself: Discord's AutoMod caught a message (blocked, alerted or timed out
// its author). The console shows them as items, so what AutoMod stopped is seen and followed up.
import type { ChatEvent, Flag } from '@shared/domain/model';
import { englishWords, words } from '@shared/triage/reasons';

export const AUTOMOD_RULE = 'platform.automod';


function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function platformFlags(event: ChatEvent): Flag[] {
  const m = event.moderation;
  if (event.kind !== 'modAction' || m?.action !== 'automod') return [];
  // The reason as data (worded by the renderer, the rule and matched words kept as they are) and in English.
  const detail = words('automod', { platform: event.platform, response: m.response ?? 'block', ...(m.rule ? { rule: clip(m.rule, 80) } : {}), ...(m.matched ? { matched: clip(m.matched, 80) } : {}) });
  const text = event.text ?? '';
  const at = m.matched ? text.indexOf(m.matched) : -1;
  return [
    {
      rule: AUTOMOD_RULE,
      category: 'custom',
      severity: m.response === 'timeout' ? 'high' : 'medium',
      reason: englishWords(detail),
      why: { detail },
      evidence: at >= 0 && m.matched ? [{ start: at, end: at + m.matched.length, text: m.matched }] : [],
    },
  ];
}
