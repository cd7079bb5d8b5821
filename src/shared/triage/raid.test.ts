// A raid (thousands of look-alike joins and near-duplicate messages) becomes ONE incident; a busy
// genuine event (an AMA: many different people asking different things) becomes none.
import { describe, expect, it } from 'vitest';
import type { Flag } from '../domain/model';
import { createTriageEngine } from './index';
import { join, message } from './testkit';

const T0 = 1_750_000_000_000;
const DAY = 86_400_000;

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = ((Math.imul(s, 1103515245) + 12345) >>> 0) % 2 ** 31) / 2 ** 31);
}

describe('raid incident', () => {
  it('groups thousands of joins and near-duplicate messages into one incident', () => {
    const e = createTriageEngine();
    const r = rng(7);
    const flags: Flag[] = [];
    // Some genuine traffic first.
    const chat = ['did anyone try the new patch yet', 'the boss in chapter three is brutal', 'lol same here', 'what build are you running for the raid tonight', 'my internet keeps dropping today', 'patch notes are up in announcements', 'who wants to queue ranked later', 'the new map looks gorgeous honestly'];
    const before: Flag[] = [];
    for (let i = 0; i < 30; i++) before.push(...e.evaluate(message(`${chat[i % chat.length]}`, { ts: T0 + i * 3000 })));
    const start = T0 + 120_000;
    let raidMessages = 0;
    for (let i = 0; i < 3000; i++) {
      const ts = start + i * 20;
      const id = `raider${i}`;
      flags.push(...e.evaluate(join(id, `raider${Math.floor(r() * 99999)}`, ts, ts - DAY * r())));
      if (i % 2 === 0) {
        raidMessages++;
        const text = `THIS SERVER IS DEAD join the real one lmao ${Math.floor(r() * 1000)}`;
        flags.push(...e.evaluate(message(text, { authorId: id, authorName: id, ts: ts + 5, channelId: `c${i % 5}` })));
      }
    }
    const raid = flags.filter((f) => f.category === 'raid');
    expect(new Set(raid.map((f) => f.group)).size).toBe(1);
    // Nearly everything from the wave lands in that incident (the first few joins precede the signal).
    expect(raid.length).toBeGreaterThan(0.95 * (3000 + raidMessages));
    // The genuine chat before it is not part of it.
    expect(before.filter((f) => f.category === 'raid')).toEqual([]);
  });

  it('raid by message only: many fresh accounts posting near-identical text', () => {
    const e = createTriageEngine();
    const flags: Flag[] = [];
    for (let i = 0; i < 40; i++) {
      flags.push(...e.evaluate(message(`buy cheap followers now at our shop number ${i % 3} today`, { authorId: `s${i}`, ts: T0 + i * 500 })));
    }
    const groups = new Set(flags.filter((f) => f.category === 'raid').map((f) => f.group));
    expect(groups.size).toBe(1);
  });
});

describe('a raid across a space moving to another id (a Telegram group upgraded to a supergroup)', () => {
  it('stays one incident when the space continues under its new id', () => {
    const e = createTriageEngine();
    const flags: Flag[] = [];
    const post = (i: number, spaceId: string) => flags.push(...e.evaluate(message(`buy cheap followers now at our shop number ${i % 3} today`, { authorId: `m${i}`, ts: T0 + i * 500, spaceId, channelId: spaceId })));
    for (let i = 0; i < 20; i++) post(i, 'basic');
    e.moveSpace?.('basic', 'super');
    for (let i = 20; i < 40; i++) post(i, 'super');
    const raid = flags.filter((f) => f.category === 'raid');
    expect(new Set(raid.map((f) => f.group)).size).toBe(1);
    // The accounts posting after the move are in it from their first message.
    expect(raid.length).toBeGreaterThan(20);
  });
});

describe('AMA is not a raid', () => {
  it('many different people asking different things, some just joined, yields no raid flag', () => {
    const e = createTriageEngine();
    const r = rng(11);
    const topics = ['roadmap', 'token unlock', 'mobile app', 'staking rewards', 'team size', 'audits', 'bridge fees', 'governance', 'hiring', 'partnerships', 'the testnet', 'hardware wallets', 'localization', 'the grant program', 'security bounty'];
    const openers = ['Hi team!', 'Question:', 'Thanks for doing this.', 'gm', 'Hello from Brazil,', 'Long time holder here.', 'Quick one:', ''];
    const verbs = ['what is the plan for', 'when can we expect news on', 'how do you think about', 'could you share more about', 'any update on', 'why did you change'];
    const flags: Flag[] = [];
    const names = ['alice', 'bob', 'chen', 'dmitri', 'eva', 'fatima', 'gustavo', 'hana', 'ivan', 'jules', 'kofi', 'lena', 'mateo', 'nour', 'oskar', 'priya', 'quinn', 'rafael', 'sofia', 'tariq'];
    for (let i = 0; i < 1500; i++) {
      const ts = T0 + i * 400;
      const author = `${names[i % names.length]}_${Math.floor(r() * 1e6).toString(36)}`;
      if (i % 4 === 0) flags.push(...e.evaluate(join(author, `${names[Math.floor(r() * names.length)]}${['', '.eth', '_nft', 'x', ' the great'][i % 5]}${Math.floor(r() * 10)}`, ts, ts - DAY * (30 + r() * 2000))));
      const q = `${openers[i % openers.length]} ${verbs[Math.floor(r() * verbs.length)]} ${topics[Math.floor(r() * topics.length)]} ${['?', ' and the timeline?', ', especially for Asia?', ' this year?', ''][i % 5]}`;
      flags.push(...e.evaluate(message(q, { authorId: author, ts: ts + 50 })));
    }
    expect(flags.filter((f) => f.category === 'raid')).toEqual([]);
  });

  it('does not sweep a regular who joins during a raid into it: only joins that look like the wave', () => {
    const e = createTriageEngine();
    const start = T0 + 60_000;
    const flags: Flag[] = [];
    for (let i = 0; i < 20; i++) {
      const ts = start + i * 500;
      flags.push(...e.evaluate(join(`r${i}`, `raidbot_${i}`, ts, ts - 20 * 60_000)));
      // A long-time member (a year old, a name of their own) rejoins in the middle of the wave.
      if (i === 12) flags.push(...e.evaluate(join('regular', 'Margarethe', ts + 100, ts - 400 * DAY)));
    }
    const end = start + 20 * 500;
    const raider = e.evaluate(message('hello everyone, glad to be here with you all', { authorId: 'r3', ts: end + 1_000 }));
    const regular = e.evaluate(message('hello everyone, glad to be back here with you all', { authorId: 'regular', ts: end + 2_000 }));
    expect(flags.some((f) => f.category === 'raid')).toBe(true);
    expect(raider.some((f) => f.category === 'raid')).toBe(true);
    expect(regular.filter((f) => f.category === 'raid')).toEqual([]);
  });
});
