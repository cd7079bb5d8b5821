// The practice stories loop for as long as the console runs. Their ambient chat must never look like a
// member repeating themselves (the built-in behaviour.duplicates rule), or a new moderator's inbox shows
// "Repeated message" on someone saying "gg everyone, see you tomorrow".
import { describe, expect, it } from 'vitest';
import { defaultPack } from '@shared/triage/defaultPack';
import { createRng } from './discord/random';
import { discordRoundSteps, DISCORD_AMBIENT_SPEAKERS } from './discord/scenario';
import { AmbientCast, type StoryStep } from './story';
import { telegramRoundSteps, TELEGRAM_AMBIENT_SPEAKERS } from './telegram/scenario';

interface Said {
  at: number;
  speaker: string;
  text: string;
}

/** Plays `rounds` rounds on a stage that only writes down who said what, when (story time). */
function play(rounds: (round: number) => StoryStep<never>[], count: number): Said[] {
  const said: Said[] = [];
  let at = 0;
  let current: Said | undefined;
  // Every stage method is a no-op except say(part, place, text), which is written down.
  const stage = new Proxy({}, { get: (_t, name) => (name === 'say' ? (part: string, _place: string, text: string) => (current = { at, speaker: part, text }) : () => undefined) });
  for (let round = 1; round <= count; round++) {
    for (const step of rounds(round)) {
      at += step.after;
      current = undefined;
      (step.act as (s: unknown) => void)(stage);
      if (step.label === 'ambient: chat' && current) said.push(current);
    }
  }
  return said;
}

function repeats(said: Said[]): string[] {
  const rule = defaultPack.rules.find((r) => r.id === 'behaviour.duplicates')!;
  const { copies, seconds } = rule.trigger as { copies: number; seconds: number };
  return said
    .filter((s) => said.filter((o) => o.speaker === s.speaker && o.text === s.text && o.at <= s.at && s.at - o.at < seconds * 1000).length >= copies)
    .map((s) => `${s.speaker} at ${Math.round(s.at / 1000)} s: ${s.text}`);
}

describe('the practice stories’ endless chat', () => {
  it('never has a Discord member say the same line often enough to be flagged as repeating', () => {
    const rng = createRng(7);
    const cast = new AmbientCast(createRng(8), DISCORD_AMBIENT_SPEAKERS);
    const said = play((n) => discordRoundSteps(rng, n, cast) as StoryStep<never>[], 300);
    expect(said.length).toBeGreaterThan(1000);
    expect(repeats(said)).toEqual([]);
  });

  it('never has a Telegram member say the same line often enough to be flagged as repeating', () => {
    const rng = createRng(7);
    const cast = new AmbientCast(createRng(8), TELEGRAM_AMBIENT_SPEAKERS);
    const said = play((n) => telegramRoundSteps(rng, n, cast) as StoryStep<never>[], 300);
    expect(said.length).toBeGreaterThan(1000);
    expect(repeats(said)).toEqual([]);
  });

  it('keeps the story’s own draw unless it would repeat, so a seed still plays the same story', () => {
    const cast = new AmbientCast(createRng(3), 10);
    expect(cast.next(8, { speaker: 4, line: 2 })).toEqual({ speaker: 4, line: 2 });
    expect(cast.next(8, { speaker: 5, line: 2 })).toEqual({ speaker: 5, line: 2 });
    const again = cast.next(8, { speaker: 4, line: 2 });
    expect(again).not.toEqual({ speaker: 4, line: 2 });
    // Always drawn among real speakers and lines.
    const rng = createRng(9);
    const picks = Array.from({ length: 400 }, () => cast.next(8, { speaker: rng.int(0, 9), line: rng.int(0, 7) }));
    expect(new Set(picks.map((p) => p.speaker)).size).toBe(10);
    expect(new Set(picks.map((p) => p.line)).size).toBe(8);
  });
});
