// Scheduled posts nobody sent in time (no console was running): asked, never sent on their own.
// Shown on every screen until a moderator sends each late or skips it.
import { useTranslation } from 'react-i18next';
import { useTeam } from '../../stores/team';
import { TeamFailure } from '../shifts/TeamFailure';
import { viewerZone } from '../shifts/zones';
import { latePosts } from './calendar';
import { EntryLine, useNow } from './Calendar';

export function LatePosts() {
  const { t } = useTranslation();
  const state = useTeam((s) => s.view?.state);
  const member = useTeam((s) => s.view?.standing === 'member');
  const graceMs = useTeam((s) => s.view?.postGraceMs);
  const now = useNow(graceMs !== undefined && graceMs < 30_000 ? graceMs : 30_000);
  if (!state || !member) return null;
  const late = latePosts(state, now, graceMs);
  if (late.length === 0) return null;
  const zone = viewerZone();
  return (
    <section className="notice late-posts" role="region" aria-label={t('announce.late.title')} data-testid="late-posts">
      <p>{t('announce.late.ask', { count: late.length })}</p>
      <ul>
        {late.map((e) => (
          <li key={`${e.postId}:${e.slot}`}>
            <EntryLine entry={e} zone={zone} />{' '}
            <button type="button" onClick={() => void useTeam.getState().run('posts.sendLate', { id: e.postId, slot: e.slot })}>
              {t('announce.late.send')}
            </button>{' '}
            <button type="button" onClick={() => void useTeam.getState().run('posts.skip', { id: e.postId, slot: e.slot })}>
              {t('announce.late.skip')}
            </button>
          </li>
        ))}
      </ul>
      <TeamFailure command="posts.sendLate" />
      <TeamFailure command="posts.skip" />
    </section>
  );
}
