// The feedback board: members' feedback, bugs and ideas as clusters (count, reporters, platforms), a
// status each (new / sent / planned / done), and export to Notion (a page per cluster) or a Slack digest.
// Tokens are typed here once and go to main; they are never shown again.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FeedbackStatusSchema, type FeedbackStatus } from '@shared/feedback/cluster';
import { errorInWords } from '../../lib/format';
import { useSettings } from '../../stores/settings';
import { CLUSTER_ORDERS, sortClusters, type ClusterOrder } from './order';
import { startFeedbackSync, useFeedback } from './useFeedback';
import './feedback.css';

function Setup() {
  const { t } = useTranslation();
  const destinations = useFeedback((s) => s.board?.destinations);
  const [notionToken, setNotionToken] = useState('');
  const [dataSource, setDataSource] = useState('');
  const [slackToken, setSlackToken] = useState('');
  const [channel, setChannel] = useState('');
  return (
    <section className="feedback-setup" aria-labelledby="feedback-setup-title">
      <h3 id="feedback-setup-title">{t('feedback.setup.title')}</h3>
      <form
        className="inline-form"
        aria-label={t('feedback.setup.notion')}
        onSubmit={(e) => {
          e.preventDefault();
          void useFeedback.getState().run('feedback.configure', { notion: { token: notionToken, dataSourceId: dataSource.trim() } }).then((ok) => ok && setNotionToken(''));
        }}
      >
        <strong>{t('feedback.setup.notion')}</strong> {destinations?.notion && <span>✓</span>}
        <input type="password" aria-label={t('feedback.setup.notionToken')} placeholder={t('feedback.setup.notionToken')} value={notionToken} onChange={(e) => setNotionToken(e.target.value)} autoComplete="off" />
        <input aria-label={t('feedback.setup.dataSource')} placeholder={t('feedback.setup.dataSource')} value={dataSource} onChange={(e) => setDataSource(e.target.value)} />
        <button type="submit" disabled={!dataSource.trim()}>
          {t('feedback.setup.save')}
        </button>
      </form>
      <form
        className="inline-form"
        aria-label={t('feedback.setup.slack')}
        onSubmit={(e) => {
          e.preventDefault();
          void useFeedback.getState().run('feedback.configure', { slack: { token: slackToken, channel: channel.trim() } }).then((ok) => ok && setSlackToken(''));
        }}
      >
        <strong>{t('feedback.setup.slack')}</strong> {destinations?.slack && <span>✓</span>}
        <input type="password" aria-label={t('feedback.setup.slackToken')} placeholder={t('feedback.setup.slackToken')} value={slackToken} onChange={(e) => setSlackToken(e.target.value)} autoComplete="off" />
        <input aria-label={t('feedback.setup.channel')} placeholder={t('feedback.setup.channel')} value={channel} onChange={(e) => setChannel(e.target.value)} />
        <button type="submit" disabled={!channel.trim()}>
          {t('feedback.setup.save')}
        </button>
      </form>
    </section>
  );
}

export function FeedbackView() {
  const { t } = useTranslation();
  const board = useFeedback((s) => s.board);
  const failure = useFeedback((s) => s.failure);
  const setView = useSettings((s) => s.setView);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [order, setOrder] = useState<ClusterOrder>('first');
  useEffect(() => startFeedbackSync(), []);
  const ids = [...chosen].filter((id) => board?.clusters.some((c) => c.id === id));
  const exportTo = (to: 'notion' | 'slack') => void useFeedback.getState().run('feedback.export', { ids, to });
  return (
    <section id="feedback" className="feedback-view" aria-labelledby="feedback-title">
      <div className="announce-head">
        <h2 id="feedback-title">{t('feedback.title')}</h2>
        <button type="button" onClick={() => setView('inbox')}>
          {t('feedback.close')}
        </button>
      </div>
      <Setup />
      {failure && (
        <p className="notice failed" role="alert">
          {failure.fields?.reason === 'notion_unset' || failure.fields?.reason === 'slack_unset' ? t(`feedback.problem.${failure.fields.reason}`) : errorInWords(t, failure)}
        </p>
      )}
      {!board || board.clusters.length === 0 ? (
        <p className="muted">{t('feedback.empty')}</p>
      ) : (
        <>
          <div className="inline-form">
            <button type="button" disabled={ids.length === 0} onClick={() => exportTo('notion')}>
              {t('feedback.toNotion', { count: ids.length })}
            </button>
            <button type="button" disabled={ids.length === 0} onClick={() => exportTo('slack')}>
              {t('feedback.toSlack', { count: ids.length })}
            </button>
            <label>
              {t('feedback.sortBy')}{' '}
              <select aria-label={t('feedback.sortBy')} value={order} onChange={(e) => setOrder(e.target.value as ClusterOrder)}>
                {CLUSTER_ORDERS.map((o) => (
                  <option key={o} value={o}>
                    {t(`feedback.sort.${o}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ul className="feedback-clusters">
            {sortClusters(board.clusters, order).map((c) => (
              <li key={c.id} data-testid="feedback-cluster">
                <label>
                  <input type="checkbox" checked={chosen.has(c.id)} onChange={(e) => setChosen(e.target.checked ? new Set([...chosen, c.id]) : new Set([...chosen].filter((x) => x !== c.id)))} />
                  <span className={`feedback-kind kind-${c.kind}`}>{t(`feedback.kind.${c.kind}`)}</span> <span className="feedback-title">{c.title}</span>
                </label>
                <p className="muted">
                  {t('feedback.count', { count: c.count })} · <span data-testid="feedback-votes">{t('feedback.votes', { count: c.votes })}</span> · {c.platforms.map((p) => t(`platform.${p}`)).join(', ')} · {t('feedback.reporters', { names: c.reporters.join(', ') })}
                </p>
                <div className="inline-form">
                  <select aria-label={t('feedback.statusOf', { title: c.title.slice(0, 40) })} value={c.status} onChange={(e) => void useFeedback.getState().run('feedback.setStatus', { id: c.id, status: e.target.value as FeedbackStatus })}>
                    {FeedbackStatusSchema.options.map((s) => (
                      <option key={s} value={s}>
                        {t(`feedback.status.${s}`)}
                      </option>
                    ))}
                  </select>
                  {c.notion && <span data-testid="notion-state">{t('feedback.exported', { to: 'Notion', state: t(`feedback.exportState.${c.notion.state}`) })}</span>}
                  {c.slack && <span data-testid="slack-state">{t('feedback.exported', { to: 'Slack', state: t(`feedback.exportState.${c.slack.state}`) })}</span>}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
