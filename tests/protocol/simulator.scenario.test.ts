// The practice scenario: the story carries every incident the console must catch, is repeatable
// from a seed, reaches discord.js as written (XSS text verbatim), and stops when told.
import { afterEach, describe, expect, it } from 'vitest';
import { Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { startScenario, storySteps } from '../../src/main/practice/discord/scenario';
import { createRng } from '../../src/main/practice/discord/random';
import { startDiscordSimulator, type DiscordSimulator, type SimMessage } from '../../src/main/practice/discord/simulator';

const anchor = new Date('2025-03-01T00:00:00Z');
const opened: DiscordSimulator[] = [];
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function sim(seed: number): Promise<DiscordSimulator> {
  const s = await startDiscordSimulator({ seed, anchor });
  opened.push(s);
  return s;
}

/**
 * Everything said in the story, oldest first, with usernames instead of ids: a newcomer's id encodes
 * the wall-clock moment their account was made, so ids differ between runs while names do not.
 */
function transcript(s: DiscordSimulator): Array<{ channel: string; author: string; content: string }> {
  const name = new Map(s.members().map((m) => [m.userId, m.username]));
  const byChannel = Object.entries(s.channels).flatMap(([channel, id]) =>
    s.messages(id).map((m: SimMessage) => ({
      channel,
      author: name.get(m.authorId) ?? '?',
      content: m.content.replace(/<@(\d+)>/g, (_, uid: string) => `@${name.get(uid) ?? '?'}`),
      id: m.id,
    })),
  );
  return byChannel.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)).map(({ channel, author, content }) => ({ channel, author, content }));
}

describe('practice scenario', () => {
  it('plays the whole story with every incident', async () => {
    const s = await sim(3);
    const seededHistory = transcript(s).length;
    const labels: string[] = [];
    await startScenario(s, { seed: 3, speed: 2000, onStep: (l) => labels.push(l) }).done;
    const said = transcript(s).slice(seededHistory);
    const texts = said.map((m) => m.content);

    expect(texts.some((t) => t.includes('Free Nitro for everyone! claim here: https://discord-gift.ru/claim?code='))).toBe(true);
    expect(texts).toContain('what happens if I post this lol <img src=x onerror=alert(1)>');
    expect(texts.some((t) => /^@\S+ you're an idiot/.test(t))).toBe(true);
    expect(texts.some((t) => /[\u4e00-\u9fff]/.test(t))).toBe(true);
    expect(texts.some((t) => /[\u0400-\u04ff]/.test(t))).toBe(true);

    const promo = said.filter((m) => m.content.includes('$MOONPEPE'));
    expect(promo.length).toBeGreaterThanOrEqual(6);
    expect(promo.length).toBeLessThanOrEqual(8);
    expect(new Set(promo.map((m) => m.author)).size).toBe(1);
    const spammer = s.members().find((m) => m.username === promo[0]?.author);
    expect(Date.now() - Date.parse(spammer?.accountCreatedAt ?? '')).toBeLessThan(3_600_000);

    const question = said.find((m) => m.channel === 'help' && m.content.includes('holder role'));
    const newcomer = s.members().find((m) => m.username === question?.author);
    expect(newcomer?.present).toBe(true);
    const answer = s.messages(s.channels.help).find((m) => m.replyTo && m.content.includes('welcome'));
    expect(answer?.authorId).not.toBe(newcomer?.userId);
    // The member who answered is given a Helper role by the owner.
    const helperRole = s.auditLog.find((e) => e.action === 'member_role_update');
    expect(helperRole).toMatchObject({ targetId: answer?.authorId, changes: { $add: [{ name: 'Helper' }] } });
    expect(s.member(answer?.authorId ?? '')?.roles).toContain((helperRole?.changes?.$add as Array<{ id: string }>)[0]?.id);

    expect(labels[0]).toBe('ambient: greeting');
    expect(labels).toContain('incident: scam link');
    expect(labels.at(-1)).toBe('ambient: closing');

    // Traffic that arrives in parts: an edit adds the link, a forward copies the scam, AutoMod blocks
    // a message (never posted; an alert is), a newcomer copies a moderator's name.
    const trade = s.messages(s.channels.general).find((m) => m.content.startsWith('anyone want to trade skins'));
    expect(trade?.editedTimestamp).not.toBeNull();
    expect(trade?.content).toContain('https://steamcommunnity.com/tradeoffer/');
    const forwarded = s.messages(s.channels.help).find((m) => m.forwardOf);
    expect(forwarded?.content).toBe('');
    expect(texts.some((t) => t.includes('aimbot for sale'))).toBe(false);
    expect(s.rules().map((r) => r.name)).toEqual(['Block cheat sellers']);
    const impersonator = s.members().find((m) => m.username.startsWith('support_desk_7'));
    expect(impersonator?.globalName).toMatch(/ Support$/);
  });

  it('puts the first scam link within 15 s and lasts about two minutes at speed 1', () => {
    const steps = storySteps(createRng(7));
    const at: number[] = [];
    steps.reduce((t, step) => (at.push(t + step.after), t + step.after), 0);
    const scam = steps.findIndex((step) => step.label === 'incident: scam link');
    expect(at[scam]).toBeLessThanOrEqual(15_000);
    expect(at.at(-1)).toBeGreaterThan(90_000);
    expect(at.at(-1)).toBeLessThan(150_000);
  });

  it('is repeatable: the same seed tells the same story', async () => {
    const a = await sim(11);
    const b = await sim(11);
    await Promise.all([startScenario(a, { seed: 11, speed: 2000 }).done, startScenario(b, { seed: 11, speed: 2000 }).done]);
    expect(transcript(b)).toEqual(transcript(a));
  });

  it('silences an actor who was removed mid-story instead of failing', async () => {
    const s = await sim(5);
    let removed = false;
    const run = startScenario(s, {
      seed: 5,
      speed: 2000,
      onStep: (label) => {
        if (label.startsWith('incident: spam burst 2/') && !removed) {
          // The spammer is removed from the guild right after the second promo.
          const spam = s.messages(s.channels.general).filter((m) => m.content.includes('$MOONPEPE'));
          const spammer = spam[0]?.authorId ?? '';
          s.removeMember(spammer);
          removed = true;
        }
      },
    });
    await run.done;
    expect(removed).toBe(true);
    expect(s.messages(s.channels.general).filter((m) => m.content.includes('$MOONPEPE'))).toHaveLength(2);
  });

  it('keeps going with loop:true until stopped, and the XSS text reaches discord.js verbatim', async () => {
    const s = await sim(8);
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
      rest: { api: s.apiBase },
      waitGuildTimeout: 100,
    });
    clients.push(client);
    const seen: string[] = [];
    client.on(Events.MessageCreate, (m: Message) => seen.push(m.content));
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(s.token);
    await ready;

    const labels: string[] = [];
    const story = storySteps(createRng(8)).length;
    const run = startScenario(s, { seed: 8, speed: 5000, loop: true, onStep: (l) => labels.push(l) });
    const deadline = Date.now() + 20_000;
    while (labels.filter((l) => l.startsWith('incident:')).length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    run.stop();
    await run.done;
    const stoppedAt = labels.length;
    expect(stoppedAt).toBeGreaterThan(story);
    await new Promise((r) => setTimeout(r, 50));
    expect(labels.length).toBe(stoppedAt);

    while (!seen.includes('what happens if I post this lol <img src=x onerror=alert(1)>') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toContain('what happens if I post this lol <img src=x onerror=alert(1)>');
  });
});
