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
