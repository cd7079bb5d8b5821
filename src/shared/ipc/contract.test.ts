import { describe, expect, it } from 'vitest';
import { commands, events } from './contract';
import { commandNames, eventNames } from './names';

const uuid = '0b6c3f4e-6a57-4b8e-9a51-2f1f5d0c8e11';

describe('contract', () => {
  it('declares exactly the names the preload exposes', () => {
    expect(Object.keys(commands).sort()).toEqual([...commandNames].sort());
    expect(Object.keys(events).sort()).toEqual([...eventNames].sort());
  });

  it('accepts a well-formed action and rejects hostile or malformed ones', () => {
    const action = { key: uuid, sourceId: 's', platform: 'discord', spaceId: 'g', channelId: 'c', kind: 'delete', messageId: 'm' };
    expect(commands['actions.execute'].request.safeParse({ action }).success).toBe(true);
    expect(commands['actions.execute'].request.safeParse({ action: { ...action, key: 'not-a-uuid' } }).success).toBe(false);
    expect(commands['actions.execute'].request.safeParse({ action: { ...action, kind: 'nuke' } }).success).toBe(false);
    expect(commands['actions.execute'].request.safeParse({ action: { ...action, kind: 'timeout', memberId: 'u', durationSeconds: 29 * 24 * 3600 } }).success).toBe(false);
    expect(commands['actions.execute'].request.safeParse({ action: { ...action, kind: 'reply', text: '' } }).success).toBe(false);
    expect(commands['actions.execute'].request.safeParse({ action, extra: 1 }).success).toBe(false);
    expect(commands['actions.execute'].request.safeParse(null).success).toBe(false);
  });

  it('accepts a bot token and an http(s) API base only', () => {
    const ok = { label: 'Our server', token: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123', apiBase: 'http://127.0.0.1:5000/api' };
    expect(commands['sources.addDiscord'].request.safeParse(ok).success).toBe(true);
    expect(commands['sources.addDiscord'].request.safeParse({ ...ok, apiBase: 'javascript:alert(1)' }).success).toBe(false);
    expect(commands['sources.addDiscord'].request.safeParse({ ...ok, apiBase: 'file:///etc/passwd' }).success).toBe(false);
    expect(commands['sources.addDiscord'].request.safeParse({ ...ok, token: 'short' }).success).toBe(false);
    expect(commands['sources.addDiscord'].request.safeParse({ ...ok, token: 'has spaces in it and is long enough' }).success).toBe(false);
    expect(commands['sources.addDiscord'].request.safeParse({ ...ok, label: '   ' }).success).toBe(false);
  });

  it('reads a WhatsApp pairing phone number the same way when linking and relinking', () => {
    const link = (phoneNumber: string) => commands['sources.linkWhatsApp'].request.safeParse({ label: 'Course group', phoneNumber });
    const relink = (phoneNumber: string) => commands['sources.relinkWhatsApp'].request.safeParse({ sourceId: 'whatsapp-1', phoneNumber });
    for (const parse of [link, relink]) {
      expect(parse(' +1 555-000-0001 ').data?.phoneNumber).toBe('15550000001');
      expect(parse('12345').success).toBe(false);
      expect(parse('+1 (555) 000').success).toBe(false);
    }
  });

  it('bounds the subscribe cursors and context requests', () => {
    expect(commands['sync.subscribe'].request.safeParse({ cursors: [{ sourceId: 's', positions: { c: '1' } }] }).success).toBe(true);
    expect(commands['sync.subscribe'].request.safeParse({ cursors: [{ sourceId: 's', positions: { c: 1 } }] }).success).toBe(false);
    expect(commands['conversation.context'].request.parse({ sourceId: 's', channelId: 'c', messageId: 'm' }).limit).toBe(10);
    expect(commands['conversation.context'].request.safeParse({ sourceId: 's', channelId: 'c', messageId: 'm', limit: 10_000 }).success).toBe(false);
  });
});
