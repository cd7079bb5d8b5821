// The member panel's person part (issue 18): the accounts linked to this member on other platforms
// (unlink), likely ones (link), linking by hand or by a verification code, the member's journey, and
// noting them for a role or an invitation. Every change is a team-ledger record.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '@shared/domain/cases';
import type { Platform } from '@shared/domain/model';
import { roleLabel, roleNames, type JourneyStep } from '@shared/insights/journey';
import { absoluteTime, errorInWords } from '../../lib/format';
import { PlatformBadge } from '../../components/PlatformBadge';
import { useSources } from '../../stores/sources';
import { useTeam, type TeamCommand } from '../../stores/team';
import type { MemberRef } from '../../stores/moderation';
import { makeCode, usePerson } from './usePerson';

const PLATFORMS: Platform[] = ['discord', 'telegram', 'whatsapp'];

function Failure({ command }: { command: TeamCommand }) {
  const { t } = useTranslation();
  const failure = useTeam((s) => s.failures[command]);
  if (!failure) return null;
  return (
    <p className="notice failed" role="alert">
      {t('people.failed')} {errorInWords(t, failure)}
    </p>
  );
}

function stepWords(t: (key: string, values?: Record<string, unknown>) => string, step: JourneyStep, roles: ReadonlyMap<string, string>): string {
  const platform = step.platform ? t(`platform.${step.platform}`) : '';
  const values: Record<string, unknown> = { platform, detail: step.detail ?? '', note: step.note ?? '' };
  if ((step.kind === 'role' || step.kind === 'role-lost') && step.platform && step.detail) {
    const label = roleLabel(step.platform, step.detail, roles, step.note);
    // A custom title is text an admin typed: it goes into the sentence as text, never as markup.
    if ('title' in label) return t('people.journey.steps.titled', { platform, title: label.title });
    values['detail'] = 'rank' in label ? t(`people.journey.rank.${label.rank}`) : 'name' in label ? label.name : t('people.journey.roleId', { id: label.id });
  }
  if (step.kind === 'case') values['action'] = t(`act.caseAction.${step.detail}`);
  if (step.kind === 'nominated') values['what'] = t(`people.nominate.${step.detail === 'invite' ? 'invite' : 'role'}`);
  return t(`people.journey.steps.${step.kind}`, values);
}

export function PersonPanel({ member, cases }: { member: MemberRef; cases: readonly Case[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ids = useId();
  const team = useTeam((s) => s.view);
  const run = useTeam((s) => s.run);
  const view = usePerson(member, cases);
  const sources = useSources((s) => s.sources);
  const roles = useMemo(() => roleNames(sources), [sources]);
  const [platform, setPlatform] = useState<Platform>(PLATFORMS.find((p) => p !== member.platform) ?? 'telegram');
  const [memberId, setMemberId] = useState('');
  const [nominateFor, setNominateFor] = useState<'role' | 'invite'>('role');
  const [why, setWhy] = useState('');
  const [noted, setNoted] = useState(false);
  const self = { p: member.platform, id: member.memberId, ...(member.name ? { name: member.name.slice(0, 100) } : {}) };
  const canWrite = team?.standing === 'member';
  const roster = team?.state.roster ?? {};
  const others = (view.person?.accounts ?? []).filter((a) => !(a.p === member.platform && a.id === member.memberId));

  /** Links self first when this member has no person yet, so both accounts join one person. */
  async function link(account: { p: Platform; id: string; name?: string }, via: 'hand' | 'name' | 'bio' | 'code') {
    const linkPerson = useTeam.getState().linkPerson;
    const person = view.person?.id ?? (await linkPerson({ account: self, via }));
    if (!person) return;
    await linkPerson({ person, account: { p: account.p, id: account.id, ...(account.name ? { name: account.name.slice(0, 100) } : {}) }, via });
  }

  return (
    <>
      <section aria-labelledby={`${ids}-accounts`} className="person-accounts">
        <h3 id={`${ids}-accounts`}>{t('people.title')}</h3>
        {!canWrite && <p className="muted">{t('people.noTeam')}</p>}
        {others.length === 0 ? (
          <p className="muted">{t('people.none')}</p>
        ) : (
          <ul className="linked-accounts">
            {others.map((a) => (
              <li key={`${a.p}|${a.id}`}>
                <PlatformBadge platform={a.p} /> {a.name ?? a.id} <code>{a.id}</code>{' '}
                <span className="muted">· {t('people.linkedBy', { via: t(`people.via.${a.via}`), name: roster[a.by]?.name ?? a.by.slice(0, 6), time: absoluteTime(a.at, lang) })}</span>{' '}
                <button type="button" className="link-button" disabled={!canWrite} onClick={() => void run('team.person.unlink', { person: view.person!.id, account: { p: a.p, id: a.id } })}>
                  {t('people.unlink', { account: `${t(`platform.${a.p}`)} ${a.name ?? a.id}` })}
                </button>
              </li>
            ))}
          </ul>
        )}
        <Failure command="team.person.unlink" />
        <h4>{t('people.suggested')}</h4>
        {view.suggestions.length === 0 ? (
          <p className="muted">{view.loaded ? t('people.noSuggestions') : t('people.reading')}</p>
        ) : (
          <ul className="link-suggestions">
            {view.suggestions.map((s) => (
              <li key={`${s.account.p}|${s.account.id}`}>
                <PlatformBadge platform={s.account.p} /> {s.account.name} <code>{s.account.id}</code> <span className="muted">· {t(`people.via.${s.via}`)}</span>
                {/* The link or handle is the member's own text: shown as text, never followed or rendered. */}
                {s.bio && (
                  <span className="muted bio-reason">
                    {' '}
                    ({t(`people.bioWhy.${s.bio.kind}`)} <code>{s.bio.mark}</code>)
                  </span>
                )}
                {s.elsewhere ? (
                  <span className="muted"> · {t('people.elsewhere')}</span>
                ) : (
                  <>
                    {' '}
                    <button type="button" disabled={!canWrite} onClick={() => void link(s.account, s.via)}>
                      {t('people.link', { account: `${t(`platform.${s.account.p}`)} ${s.account.name}` })}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <form
          className="link-by-hand"
          onSubmit={(e) => {
            e.preventDefault();
            const id = memberId.trim();
            if (!id) return;
            void link({ p: platform, id }, 'hand').then(() => setMemberId(''));
          }}
        >
          <fieldset>
            <legend>{t('people.byHand')}</legend>
            <label htmlFor={`${ids}-platform`}>{t('people.platform')}</label>{' '}
            <select id={`${ids}-platform`} value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
                {PLATFORMS.map((p) => (
                  <option key={p} value={p}>
                    {t(`platform.${p}`)}
                  </option>
              ))}
            </select>{' '}
            <label htmlFor={`${ids}-member-id`}>{t('people.memberId')}</label> <input id={`${ids}-member-id`} value={memberId} maxLength={200} onChange={(e) => setMemberId(e.target.value)} />{' '}
            <button type="submit" disabled={!canWrite || !memberId.trim() || (platform === member.platform && memberId.trim() === member.memberId)}>
              {t('people.linkButton')}
            </button>
          </fieldset>
        </form>
        <Failure command="team.person.link" />
        <p>
          {view.code ? (
            <span role="status">{t('people.code.shown', { code: view.code })}</span>
          ) : (
            <button type="button" onClick={() => void makeCode({ p: member.platform, id: member.memberId }).then(() => view.refresh())}>
              {t('people.code.make')}
            </button>
          )}
        </p>
      </section>
      <section aria-labelledby={`${ids}-journey`}>
        <h3 id={`${ids}-journey`}>{t('people.journey.title')}</h3>
        {view.journey.length === 0 ? (
          <p className="muted">{view.loaded ? t('people.journey.none') : t('people.reading')}</p>
        ) : (
          <ol className="journey">
            {view.journey.map((step, i) => (
              <li key={i} data-kind={step.kind}>
                <time dateTime={new Date(step.at).toISOString()}>{absoluteTime(step.at, lang)}</time> {stepWords(t, step, roles)}
              </li>
            ))}
          </ol>
        )}
        <form
          className="nominate"
          onSubmit={(e) => {
            e.preventDefault();
            if (!why.trim()) return;
            setNoted(false);
            void run('team.nominate', { account: self, for: nominateFor, text: why.trim().slice(0, 300) }).then((ok) => {
              if (!ok) return;
              setWhy('');
              setNoted(true);
            });
          }}
        >
          <fieldset>
            <legend>{t('people.nominate.title')}</legend>
            <label htmlFor={`${ids}-for`}>{t('people.nominate.for')}</label>{' '}
            <select id={`${ids}-for`} value={nominateFor} onChange={(e) => setNominateFor(e.target.value as 'role' | 'invite')}>
                <option value="role">{t('people.nominate.role')}</option>
                <option value="invite">{t('people.nominate.invite')}</option>
            </select>{' '}
            <label htmlFor={`${ids}-why`}>{t('people.nominate.why')}</label> <input id={`${ids}-why`} value={why} maxLength={300} onChange={(e) => setWhy(e.target.value)} />{' '}
            <button type="submit" disabled={!canWrite || !why.trim()}>
              {t('people.nominate.save')}
            </button>
          </fieldset>
          {noted && <p role="status">{t('people.nominate.done')}</p>}
        </form>
        <Failure command="team.nominate" />
      </section>
    </>
  );
}
