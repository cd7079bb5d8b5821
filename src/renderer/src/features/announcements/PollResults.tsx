// The polls posted from this console, newest first, each with its tally where the console reads the
// platform's votes (WhatsApp); elsewhere it says where to read the results. Text is rendered as text.
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSources } from '../../stores/sources';
import { spaceChoices } from './targets';
import { startPollSync, usePolls } from './usePolls';

export function PollResults() {
  const { t } = useTranslation();
  useEffect(() => startPollSync(), []);
  const polls = usePolls((s) => s.polls);
  const unreachable = usePolls((s) => s.unreachable);
  const sources = useSources((s) => s.sources);
  const spaces = useMemo(() => new Map(spaceChoices(sources).flatMap((c) => c.channels.map((ch) => [`${c.sourceId}|${ch.id}`, c.spaceName] as const))), [sources]);
  if (unreachable) return <p className="notice">{t('announce.results.unreachable')}</p>;
  if (!polls || polls.length === 0) return null;
  return (
    <section className="announce-poll-results" aria-labelledby="poll-results-title">
      <h3 id="poll-results-title">{t('announce.results.title')}</h3>
      <ul>
        {polls.map((p) => {
          const where = `${t(`platform.${p.platform}`)} · ${spaces.get(`${p.sourceId}|${p.channelId}`) ?? p.channelId}`;
          return (
            <li key={`${p.sourceId}|${p.messageId}`} data-testid="poll-result" aria-label={p.question}>
              <strong>{p.question}</strong> <span>{where}</span>
              {p.counted ? (
                <>
                  <ul>
                    {p.answers.map((a, i) => (
                      <li key={i} data-testid="poll-answer">
                        {t('announce.results.answer', { answer: a.text, count: a.votes })}
                      </li>
                    ))}
                  </ul>
                  <p>{t('announce.results.voters', { count: p.voters })}</p>
                </>
              ) : (
                <p>{t('announce.results.inApp', { platform: t(`platform.${p.platform}`) })}</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
