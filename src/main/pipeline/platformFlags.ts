// Flags the platform raised itself: Discord's AutoMod caught a message (blocked, alerted or timed out
// its author). The console shows them as items, so what AutoMod stopped is seen and followed up.
import type { ChatEvent, Flag } from '@shared/domain/model';

export const AUTOMOD_RULE = 'platform.automod';

const PLATFORM_NAME: Record<ChatEvent['platform'], string> = { discord: 'Discord', telegram: 'Telegram', whatsapp: 'WhatsApp' };
const VERB = { block: 'blocked', alert: 'flagged', timeout: 'timed out the author of' } as const;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function platformFlags(event: ChatEvent): Flag[] {
  const m = event.moderation;
  if (event.kind !== 'modAction' || m?.action !== 'automod') return [];
  const verb = VERB[m.response ?? 'block'];
  const parts = [`${PLATFORM_NAME[event.platform]} AutoMod ${verb} a message`];
  if (m.rule) parts.push(`rule "${clip(m.rule, 80)}"`);
  if (m.matched) parts.push(`matched "${clip(m.matched, 80)}"`);
  const text = event.text ?? '';
  const at = m.matched ? text.indexOf(m.matched) : -1;
  return [
    {
      rule: AUTOMOD_RULE,
      category: 'custom',
      severity: m.response === 'timeout' ? 'high' : 'medium',
      reason: parts.join(' · '),
      evidence: at >= 0 && m.matched ? [{ start: at, end: at + m.matched.length, text: m.matched }] : [],
    },
  ];
}
