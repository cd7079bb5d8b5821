// Relative time ("3 min ago"), with the absolute time on hover and for assistive tech.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { absoluteTime, relativeTime } from '../lib/format';

/** One shared ticking clock, so 10k rows do not each run a timer. */
const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    listeners.add(setNow);
    timer ??= setInterval(() => {
      const n = Date.now();
      for (const l of listeners) l(n);
    }, 30_000);
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return now;
}

export function RelativeTime({ ts }: { ts: number }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const abs = absoluteTime(ts, i18n.language);
  return (
    <time dateTime={new Date(ts).toISOString()} title={abs}>
      {relativeTime(ts, now, i18n.language, t('time.justNow'))}
    </time>
  );
}
