// A poll from the console: one question and its answers, posted as each platform's own poll (Discord's
// native poll, Telegram's) to the chosen spaces through the outbox. WhatsApp says it cannot yet.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { capabilities } from '@shared/domain/capabilities';
import { useSources } from '../../stores/sources';
import { chosenTargets, spaceChoices } from './targets';
import { useAnnouncements } from './useAnnouncements';
import { DraftRestored } from '../replies/DraftRestored';
import { useKeptDraft } from '../replies/keptDrafts';

const POLL_QUESTION = 'poll:question';
const POLL_ANSWERS = 'poll:answers';

const HOURS = [24, 72, 168] as const;
const MAX_ANSWERS = 10;

export function PollComposer() {
  const { t } = useTranslation();
  const id = useId();
  const sources = useSources((s) => s.sources);
  const choices = useMemo(() => spaceChoices(sources), [sources]);
  const publishing = useAnnouncements((s) => s.publishing);
  // The question and answers are kept on this computer as they are written, dropped once posted everywhere.
  const [question, setQuestion] = useKeptDraft(POLL_QUESTION, () => '');
  const [answersText, setAnswersText] = useKeptDraft(POLL_ANSWERS, () => '');
  const [multiple, setMultiple] = useState(false);
  const [hours, setHours] = useState<number>(24);
  const [chosen, setChosen] = useState<ReadonlyMap<string, string>>(new Map());
  const [posted, setPosted] = useState<{ confirmed: number; of: number } | undefined>(undefined);
  const answers = answersText.split('\n').map((a) => a.trim()).filter(Boolean);
  const targets = chosenTargets(choices, chosen);
  const tooLong = question.trim().length > 255 || answers.some((a) => a.length > 55);
  const ready = question.trim() !== '' && answers.length >= 2 && answers.length <= MAX_ANSWERS && !tooLong && targets.length > 0;

  const post = async () => {
    const confirmed = await useAnnouncements.getState().postPoll({ question, answers, multiple, hours, targets });
    setPosted({ confirmed, of: targets.length });
    if (confirmed === targets.length) {
      setQuestion('');
      setAnswersText('');
    }
  };

  return (
    <form
      className="announce-form announce-poll"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void post();
      }}
    >
      <h3 id={`${id}-title`}>{t('announce.poll.title')}</h3>
      <label htmlFor={`${id}-q`}>{t('announce.poll.question')}</label>
      <input id={`${id}-q`} value={question} maxLength={300} onChange={(e) => setQuestion(e.target.value)} />
      <label htmlFor={`${id}-a`}>{t('announce.poll.answers')}</label>
      <textarea id={`${id}-a`} rows={4} value={answersText} onChange={(e) => setAnswersText(e.target.value)} placeholder={t('announce.poll.answersHint')} />
      <DraftRestored draftKey={[POLL_QUESTION, POLL_ANSWERS]} />
      {(answers.length > MAX_ANSWERS || tooLong) && <p className="notice">{t('announce.poll.limits', { answers: MAX_ANSWERS })}</p>}
      <label>
        <input type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} />
        {t('announce.poll.multiple')}
      </label>
      <label htmlFor={`${id}-h`}>{t('announce.poll.open')}</label>
      <select id={`${id}-h`} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
        {HOURS.map((h) => (
          <option key={h} value={h}>
            {t('announce.poll.hours', { count: h })}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{t('announce.poll.where')}</legend>
        {choices.map((c) => {
          const can = capabilities[c.platform].poll;
          return (
            <label key={c.id} title={can.whyNot ? t(can.whyNot) : undefined}>
              <input
                type="checkbox"
                disabled={!can.supported}
                checked={chosen.has(c.id)}
                onChange={(e) => {
                  const next = new Map(chosen);
                  if (e.target.checked) next.set(c.id, c.defaultChannelId);
                  else next.delete(c.id);
                  setChosen(next);
                }}
              />
              {t('announce.poll.in', { space: `${t(`platform.${c.platform}`)} · ${c.spaceName}` })}
            </label>
          );
        })}
      </fieldset>
      {posted && <p role="status">{t('announce.poll.posted', { count: posted.confirmed, of: posted.of })}</p>}
      <button type="submit" disabled={publishing || !ready}>
        {t('announce.poll.post', { count: targets.length })}
      </button>
    </form>
  );
}
