// Plays a practice scenario: timed steps acted on a stage, scaled by speed, refilled forever in loop
// mode. Shared by the Discord and Telegram practice communities.

export interface StoryStep<Stage> {
  /** Wait before this step, in real-time milliseconds (divided by speed). */
  after: number;
  label: string;
  act(stage: Stage): void;
}

export interface StoryOptions {
  speed?: number;
  loop?: boolean;
  onStep?: (label: string) => void;
}

export interface StoryHandle {
  stop(): void;
  /** Resolves when the story ends (never on its own in loop mode) or is stopped. */
  done: Promise<void>;
}

/** Runs `steps` in order; when they run out in loop mode, `refill()` supplies the next ones. */
export function playStory<Stage>(stage: Stage, steps: StoryStep<Stage>[], refill: () => StoryStep<Stage>[], options: StoryOptions): StoryHandle {
  const speed = options.speed && options.speed > 0 ? options.speed : 1;
  const queue = [...steps];
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));

  const next = () => {
    if (stopped) return;
    if (queue.length === 0 && options.loop) queue.push(...refill());
    const step = queue.shift();
    if (!step) {
      stopped = true;
      finish();
      return;
    }
    timer = setTimeout(() => {
      if (stopped) return;
      try {
        step.act(stage);
        options.onStep?.(step.label);
      } catch {
        // A moderator may have banned or removed an actor mid-scene; the story skips that line.
      }
      next();
    }, step.after / speed);
  };
  next();

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      finish();
    },
    done,
  };
}

/**
 * Who says which ambient line in a story's endless part. The story draws a line and a speaker at
 * random as it always did (so a seed still plays the same story), but a speaker never says a line they
 * said among the last `memory` lines of chat: a member saying the same thing three times within two
 * minutes is flagged as a repeated message (behaviour.duplicates), and a new moderator would see
 * ordinary chat flagged as spam. Then another pair is drawn, from the cast's own generator. Ambient
 * lines come at least 3 s apart, so 40 lines cover those two minutes.
 */
export class AmbientCast {
  private readonly recent: string[] = [];

  constructor(
    private readonly rng: { pick<T>(items: readonly T[]): T },
    private readonly speakers: number,
    private readonly memory = 40,
  ) {}

  /** `drawn` (speaker 0 … speakers − 1, line 0 … lines − 1) unless that speaker said that line lately. */
  next(lines: number, drawn: { speaker: number; line: number }): { speaker: number; line: number } {
    const said = new Set(this.recent);
    if (!said.has(`${drawn.speaker}:${drawn.line}`)) return this.remember(drawn);
    const fresh: Array<{ speaker: number; line: number }> = [];
    for (let speaker = 0; speaker < this.speakers; speaker++) for (let line = 0; line < lines; line++) if (!said.has(`${speaker}:${line}`)) fresh.push({ speaker, line });
    // More pairs than memory (10 × 8 and 12 × 20 here): a fresh one always exists.
    return this.remember(this.rng.pick(fresh.length > 0 ? fresh : [drawn]));
  }

  private remember(pick: { speaker: number; line: number }): { speaker: number; line: number } {
    this.recent.push(`${pick.speaker}:${pick.line}`);
    if (this.recent.length > this.memory) this.recent.shift();
    return pick;
  }
}
