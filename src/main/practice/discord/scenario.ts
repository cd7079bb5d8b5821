// A scripted, seedable story for the practice community: ordinary chat in several languages, then
// the incidents a moderator must catch (scam link, spam burst, insult, XSS text, newcomer needing help).
import { AmbientCast, playStory } from '../story';
import type { StoryStep } from '../story';
import { createRng, type Rng } from './random';
import type { DiscordSimulator, SimMessage } from './simulator';

export interface ScenarioOptions {
  seed?: number;
  speed?: number /* 1 = real time; 10 = 10x faster */;
  loop?: boolean;
  onStep?: (label: string) => void;
}

export interface ScenarioHandle {
  stop(): void;
  done: Promise<void>;
}

type ChannelKey = keyof DiscordSimulator['channels'];

type Step = StoryStep<Stage>;

/** The cast and memory of one run: who plays whom, and what was said (for replies and edits). */
class Stage {
  readonly cast = new Map<string, string>();
  readonly said = new Map<string, SimMessage>();
  /** Roles the story made, by name. */
  private readonly roles = new Map<string, string>();
  private used = new Set<string>();

  constructor(
    readonly sim: DiscordSimulator,
    readonly rng: Rng,
  ) {}

  /** A present, unmuted regular (not staff, not a brand-new account), stable per part name. */
  regular(part: string): string | null {
    const known = this.cast.get(part);
    if (known && this.sim.canPost(known)) return known;
    const staff = new Set([...this.sim.memberIdsByRole('Moderator'), ...this.sim.memberIdsByRole('Admin')]);
    const pool = this.sim.memberIdsByRole('Member').filter((id) => !staff.has(id) && this.sim.canPost(id));
    if (pool.length === 0) return null;
    const fresh = pool.filter((id) => !this.used.has(id));
    const id = this.rng.pick(fresh.length > 0 ? fresh : pool);
    this.used.add(id);
    this.cast.set(part, id);
    return id;
  }

  moderator(part: string): string | null {
    const known = this.cast.get(part);
    if (known && this.sim.canPost(known)) return known;
    const pool = this.sim.memberIdsByRole('Moderator').filter((id) => this.sim.canPost(id));
    if (pool.length === 0) return this.regular(part);
    const id = this.rng.pick(pool);
    this.cast.set(part, id);
    return id;
  }

  join(part: string, username: string, accountAgeMinutes: number, globalName?: string): string {
    const taken = new Set(this.sim.members().map((m) => m.username));
    let name = username;
    for (let n = 2; taken.has(name); n++) name = `${username}${n}`;
    const member = this.sim.addMember({ username: name, accountCreatedAt: new Date(Date.now() - accountAgeMinutes * 60_000), ...(globalName ? { globalName } : {}) });
    this.cast.set(part, member.userId);
    return member.userId;
  }

  /** The owner gives the part a role in the app, made once per run (GUILD_ROLE_CREATE, then GUILD_MEMBER_UPDATE). */
  giveRole(part: string, name: string): void {
    const userId = this.cast.get(part);
    if (!userId || !this.sim.member(userId)?.present) return;
    let roleId = this.roles.get(name);
    if (!roleId) this.roles.set(name, (roleId = this.sim.addRole(name)));
    this.sim.changeMemberRoles(userId, { add: [roleId] });
  }

  /** Posts if the part can still talk: a banned, kicked or timed-out member simply falls silent. */
  say(part: string, channel: ChannelKey, content: string | ((stage: Stage) => string), opts: { replyTo?: string; key?: string } = {}): void {
    const authorId = this.cast.get(part) ?? this.regular(part);
    if (!authorId || !this.sim.canPost(authorId)) return;
    const replyTo = opts.replyTo ? this.said.get(opts.replyTo) : undefined;
    const text = typeof content === 'function' ? content(this) : content;
    const channelId = this.sim.channels[channel];
    const message = this.sim.postMessage({
      channelId,
      authorId,
      content: text,
      ...(replyTo && !this.sim.message(channelId, replyTo.id)?.deleted && replyTo.channelId === channelId ? { replyTo: replyTo.id } : {}),
    });
    if (opts.key) this.said.set(opts.key, message);
  }

  mention(part: string): string {
    const id = this.cast.get(part) ?? this.regular(part);
    return id ? `<@${id}>` : '';
  }
}

const SCAM_CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const code = (rng: Rng, n = 10) => Array.from({ length: n }, () => SCAM_CODE_CHARS[rng.int(0, SCAM_CODE_CHARS.length - 1)]).join('');

/** The ~2-minute opening story; incidents are ordered so the first scam lands within 15 s. */
export function storySteps(rng: Rng): Step[] {
  const promo = '🚀 $MOONPEPE presale is LIVE — 100x guaranteed, dev doxxed, LP locked 🔒 join now 👉 t.me/moonpepe_presale 🚀';
  const scamCode = code(rng);
  const steps: Step[] = [
    { after: 500, label: 'ambient: greeting', act: (s) => s.say('alice', 'general', 'gm gm ☀️ who survived the patch last night?', { key: 'gm' }) },
    { after: 2500, label: 'ambient: reply', act: (s) => s.say('bob', 'general', 'barely lol, the new map is huge. took me 20 min to find the vendor', { replyTo: 'gm' }) },
    { after: 2500, label: 'ambient: chinese', act: (s) => s.say('mei', 'general', '大家好！新赛季的排位今晚开吗？我想组队 🎮') },
    { after: 2500, label: 'ambient: answer', act: (s) => s.say('carlos', 'general', 'ranked resets at 18:00 UTC I think, check #announcements') },
    {
      after: 3000,
      label: 'incident: scam link',
      act: (s) => {
        s.join('scammer', 'nitro.drops', 25);
        s.say('scammer', 'general', `@everyone Free Nitro for everyone! claim here: https://discord-gift.ru/claim?code=${scamCode} 🎁 only 100 codes left`, { key: 'scam' });
      },
    },
    { after: 3000, label: 'ambient: warning', act: (s) => s.say('bob', 'general', "^ that's a scam, don't click it. discord-gift.ru is NOT discord. mods?") },
    { after: 4000, label: 'newcomer: joins', act: (s) => void s.join('newcomer', 'quietfox', 60 * 24 * 40) },
    {
      after: 4000,
      label: 'newcomer: asks for help',
      act: (s) =>
        s.say('newcomer', 'help', "hi! new here 👋 how do I get the holder role? I connected my wallet on the site but nothing happened", { key: 'question' }),
    },
    {
      after: 5000,
      label: 'member: answers newcomer',
      act: (s) =>
        s.say(
          'helper',
          'help',
          (st) => `welcome ${st.mention('newcomer')}! the holder role is given by a mod for now, ping one here. and never share your seed phrase, whoever DMs you asking for it`,
          { replyTo: 'question', key: 'answer' },
        ),
    },
    { after: 3000, label: 'newcomer: thanks', act: (s) => s.say('newcomer', 'help', 'thank you!! 🙏 will do') },
    // The member who welcomed the newcomer grows: the owner gives them a Helper role (a journey's "gained role").
    { after: 3000, label: 'member: given the Helper role', act: (s) => s.giveRole('helper', 'Helper') },
    { after: 5000, label: 'ambient: russian', act: (s) => s.say('dima', 'general', 'Кто-нибудь видел новый трейлер? Выглядит очень круто 🔥') },
    { after: 4000, label: 'ambient: crypto', act: (s) => s.say('alice', 'general', 'gas is finally under 10 gwei, bridging my stuff before it spikes again', { key: 'gas' }) },
    { after: 2000, label: 'ambient: edit', act: (s) => editOwn(s, 'gas', 'gas is finally under 10 gwei, bridging my stuff before it spikes again (edit: done, took 2 min)') },
    { after: 4000, label: 'incident: spam account joins', act: (s) => void s.join('spammer', 'moonpepe_official', 8) },
  ];
  const burst = rng.int(6, 8);
  for (let i = 0; i < burst; i++) {
    steps.push({ after: i === 0 ? 2000 : 700, label: `incident: spam burst ${i + 1}/${burst}`, act: (s) => s.say('spammer', 'general', promo) });
  }
  steps.push(
    { after: 4000, label: 'ambient: annoyed', act: (s) => s.say('carlos', 'general', 'bro stop spamming 🙄') },
    { after: 5000, label: 'ambient: build talk', act: (s) => s.say('frank', 'general', 'anyone tried the double shotgun build? it slaps in close quarters', { key: 'build' }) },
    {
      after: 4000,
      label: 'incident: insult',
      act: (s) => s.say('grumpy', 'general', (st) => `${st.mention('frank')} you're an idiot, that build is trash and so are you`, { replyTo: 'build' }),
    },
    { after: 3000, label: 'ambient: reaction to insult', act: (s) => s.say('frank', 'general', 'wow ok, no need for that') },
    { after: 6000, label: 'incident: xss text', act: (s) => s.say('curious', 'general', 'what happens if I post this lol <img src=x onerror=alert(1)>') },
    { after: 3000, label: 'ambient: xss reply', act: (s) => s.say('bob', 'general', "nothing, it's just text 😂 nice try") },
    { after: 6000, label: 'ambient: spanish', act: (s) => s.say('carlos', 'general', '¿Alguien juega desde México? Busco squad para esta noche') },
    { after: 5000, label: 'ambient: arabic', act: (s) => s.say('layla', 'general', 'مساء الخير للجميع، هل بدأ الحدث الجديد؟') },
    { after: 6000, label: 'ambient: help question', act: (s) => s.say('helper2', 'help', 'my game crashes on launch after the update, anyone else? (win11, rtx 3060)', { key: 'crash' }) },
    { after: 5000, label: 'ambient: help answer', act: (s) => s.say('bob', 'help', 'verify game files in the launcher, fixed it for me', { replyTo: 'crash' }) },
    { after: 6000, label: 'ambient: chinese 2', act: (s) => s.say('mei', 'general', '谢谢大家，今晚八点见！') },
    // Traffic that reaches a bot in parts, as Discord sends it: the payload arrives in an edit, a
    // forward carries someone else's message, AutoMod stops a message, a newcomer copies a moderator.
    { after: 3000, label: 'incident: trade offer', act: (s) => s.say('trader', 'general', 'anyone want to trade skins? I have a few spare ones', { key: 'trade' }) },
    { after: 2000, label: 'incident: edited into a scam', act: (s) => editOwn(s, 'trade', 'anyone want to trade skins? I have a few spare ones. send your offer here first: https://steamcommunnity.com/tradeoffer/new/?partner=1') },
    { after: 3000, label: 'incident: forwarded scam', act: (s) => forward(s, 'forwarder', 'help', 'scam') },
    {
      after: 3000,
      label: 'incident: AutoMod blocks a message',
      act: (s) => {
        if (!s.sim.rules().some((r) => r.name === 'Block cheat sellers')) s.sim.addAutoModRule({ name: 'Block cheat sellers', keywords: ['aimbot for sale'], alertChannelId: s.sim.channels.modLog });
        s.say('cheater', 'general', 'aimbot for sale, undetected, dm me 😎');
      },
    },
    {
      after: 3000,
      label: 'incident: staff impersonator joins',
      act: (s) => {
        const moderator = s.moderator('mod');
        const copied = moderator ? s.sim.member(moderator) : undefined;
        if (!copied) return;
        s.join('impersonator', 'support_desk_7', 90, `${copied.globalName ?? copied.username} Support`);
        s.say('impersonator', 'help', 'hi! I am from the mod team. if your account has trouble, DM me your login code and I will verify you');
      },
    },
    { after: 6000, label: 'ambient: closing', act: (s) => s.say('alice', 'general', 'ok heading out, gg everyone 👋') },
  );
  return steps;
}

/** A member forwards a message said earlier (if still there), else one from a server the bot is not in. */
function forward(s: Stage, part: string, channel: ChannelKey, key: string): void {
  const authorId = s.cast.get(part) ?? s.regular(part);
  if (!authorId || !s.sim.canPost(authorId)) return;
  const original = s.said.get(key);
  const channelId = s.sim.channels[channel];
  if (original && !s.sim.message(original.channelId, original.id)?.deleted) {
    s.sim.forwardMessage({ channelId, authorId, from: { channelId: original.channelId, messageId: original.id } });
  } else {
    s.sim.forwardFromElsewhere({ channelId, authorId, content: 'they are giving away Nitro in this server too!! https://discord-gift.ru/claim?code=FWD42' });
  }
}

function editOwn(s: Stage, key: string, content: string): void {
  const message = s.said.get(key);
  if (!message || s.sim.message(message.channelId, message.id)?.deleted) return;
  s.sim.editMessage(message.channelId, message.id, content);
}

const AMBIENT: ReadonlyArray<string> = [
  'lol same',
  'anyone doing the raid later?',
  'the new skin drop is so overpriced ngl',
  'just hit diamond 💎 finally',
  'servers feel laggy today or is it just me',
  'who else is holding through the dip 📉',
  'GG to whoever carried my last match, you know who you are',
  'is the tournament bracket out yet?',
  'patch 4.2 when',
  'my internet died mid-boss fight, pain',
  'hot take: the old map was better',
  'airdrop snapshot is next week right?',
  'brb dinner',
  'that clutch in the finals was insane',
  'does anyone have a spare beta key?',
  '有人一起打副本吗？',
  '这个版本的平衡性太差了',
  'Всем привет! Кто в пати?',
  'ахаха, это было эпично',
  '¡Buenas noches a todos!',
  'alguém do Brasil aqui? 🇧🇷',
  'bonjour tout le monde 🥐',
  'مرحبا، من يلعب الليلة؟',
  'lfg 2 more for ranked, mic preferred',
  'the devs said the fix is coming on thursday',
  'wen staking rewards',
  'reminder: mods never DM first. stay safe',
  'ok who moved my loot 😤',
];

const SCAM_TEMPLATES: ReadonlyArray<(c: string) => string> = [
  (c) => `Free Nitro for everyone! claim here: https://discord-gift.ru/claim?code=${c}`,
  (c) => `🎁 Steam is giving away $50 gift cards, get yours: https://steamcommunnity.com/gift/${c}`,
  (c) => `official airdrop is live!! connect wallet to claim 👉 https://opensea-airdrop.xyz/claim/${c}`,
  (c) => `nitro giveaway ends in 10 min!! https://dlscord-nitro.com/gift/${c}`,
];

const SPAM_TEMPLATES: ReadonlyArray<string> = [
  '🚀 $MOONPEPE presale is LIVE — 100x guaranteed, dev doxxed, LP locked 🔒 join now 👉 t.me/moonpepe_presale 🚀',
  '💰 Make $500/day from home with my trading signals, DM me now 💰',
  'FOLLOW MY TWITCH twitch.tv/xx_pro_gamer_xx FOLLOW FOR FOLLOW',
];

const INSULTS: ReadonlyArray<string> = [
  "you're an idiot, nobody asked",
  'shut up, you are so stupid it hurts',
  'uninstall the game, you absolute clown',
];

const XSS: ReadonlyArray<string> = [
  '<script>alert(document.cookie)</script> does this work here?',
  'testing: "><svg onload=alert(1)>',
  '[click me](javascript:alert(1))',
  '<img src=x onerror=alert(1)>',
];

/** One incident of the endless mode; variations come from the seed. */
function incident(rng: Rng, n: number): Step[] {
  const kind = rng.pick(['scam', 'spam', 'insult', 'xss', 'newcomer', 'raid'] as const);
  const part = `${kind}-${n}`;
  switch (kind) {
    case 'scam': {
      const text = rng.pick(SCAM_TEMPLATES)(code(rng));
      return [{ after: 3000, label: 'incident: scam link', act: (s) => (s.join(part, rng.pick(['free.nitro', 'giveaway_team', 'steam.support0']), rng.int(5, 60)), s.say(part, 'general', text)) }];
    }
    case 'spam': {
      const text = rng.pick(SPAM_TEMPLATES);
      const count = rng.int(6, 8);
      const steps: Step[] = [{ after: 3000, label: 'incident: spam account joins', act: (s) => void s.join(part, rng.pick(['promo_king', 'crypto.alpha', 'signals_daily']), rng.int(2, 30)) }];
      for (let i = 0; i < count; i++) steps.push({ after: 700, label: `incident: spam burst ${i + 1}/${count}`, act: (s) => s.say(part, 'general', text) });
      return steps;
    }
    case 'insult': {
      const text = rng.pick(INSULTS);
      return [{ after: 3000, label: 'incident: insult', act: (s) => s.say(`${part}-a`, 'general', (st) => `${st.mention(`${part}-b`)} ${text}`) }];
    }
    case 'xss': {
      const text = rng.pick(XSS);
      return [{ after: 3000, label: 'incident: xss text', act: (s) => s.say(part, 'general', text) }];
    }
    case 'newcomer':
      return [
        { after: 3000, label: 'newcomer: joins', act: (s) => void s.join(part, rng.pick(['pixelnovice', 'lurker_lena', 'greenhorn']), rng.int(60, 60 * 24 * 300)) },
        { after: 4000, label: 'newcomer: asks for help', act: (s) => s.say(part, 'help', rng.pick(['how do I verify? the button does nothing', 'where do I report a bug?', 'is there a guide for beginners?']), { key: part }) },
        { after: 5000, label: 'member: answers newcomer', act: (s) => s.say(`${part}-helper`, 'help', 'check the pinned messages in #help, and welcome! 👋', { replyTo: part }) },
      ];
    case 'raid': {
      const count = rng.int(3, 5);
      const base = rng.pick(['xX_raider', 'bot_army', 'zerg']);
      return Array.from({ length: count }, (_, i) => ({
        after: i === 0 ? 3000 : 400,
        label: `incident: raid join ${i + 1}/${count}`,
        act: (s: Stage) => {
          s.join(`${part}-${i}`, `${base}${i + 1}`, rng.int(1, 20));
          s.say(`${part}-${i}`, 'general', 'RAID RAID RAID 🔥🔥🔥');
        },
      }));
    }
  }
}

/** The ambient speakers of the endless mode (`ambient-0` … `ambient-11`), each one member. */
export const DISCORD_AMBIENT_SPEAKERS = 12;

/** Endless mode: a handful of ambient lines (nobody repeating themselves), then an incident, over and over. */
export function discordRoundSteps(rng: Rng, incidentNumber: number, cast: AmbientCast): Step[] {
  const steps: Step[] = [];
  const ambient = rng.int(4, 8);
  for (let i = 0; i < ambient; i++) {
    const drawn = { line: rng.int(0, AMBIENT.length - 1), speaker: rng.int(0, DISCORD_AMBIENT_SPEAKERS - 1) };
    const { speaker, line } = cast.next(AMBIENT.length, drawn);
    const text = AMBIENT[line]!;
    steps.push({ after: rng.int(3000, 8000), label: 'ambient: chat', act: (s) => s.say(`ambient-${speaker}`, rng.chance(0.8) ? 'general' : 'help', text) });
  }
  steps.push(...incident(rng, incidentNumber));
  return steps;
}

export function startScenario(sim: DiscordSimulator, options: ScenarioOptions = {}): ScenarioHandle {
  const rng = createRng(options.seed ?? 7);
  const stage = new Stage(sim, rng);
  const cast = new AmbientCast(createRng((options.seed ?? 7) + 1), DISCORD_AMBIENT_SPEAKERS);
  let incidents = 0;
  return playStory(stage, storySteps(rng), () => discordRoundSteps(rng, incidents++, cast), options);
}
