// The member's latest messages stored on this computer, in the member view, each with Flag… (or who
// flagged it): what triage missed from one member is flagged from their history too.
import Dexie from 'dexie';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getDb } from '../../db/instance';
import type { EventRow } from '../../db/schema';
import { absoluteTime } from '../../lib/format';
import { useInbox } from '../../stores/inbox';
import type { MemberRef } from '../../stores/moderation';
import { FlagMessage } from './FlagMessage';

const SHOWN = 10;

export function RecentMessages({ member }: { member: MemberRef }) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [rows, setRows] = useState<EventRow[]>();
  const version = useInbox((s) => s.announcement.seq);
  useEffect(() => {
    let cancelled = false;
    void getDb()
      .events.where('[author.id+ts]')
      .between([member.memberId, Dexie.minKey], [member.memberId, Dexie.maxKey])
      .reverse()
      .filter((e) => e.kind === 'message' && e.sourceId === member.sourceId && !e.deleted)
      .limit(SHOWN)
      .toArray()
      .then(
        (found) => !cancelled && setRows(found),
        () => !cancelled && setRows([]),
      );
    return () => {
      cancelled = true;
    };
  }, [member.memberId, member.sourceId, version]);
  if (!rows || rows.length === 0) return null;
  return (
    <section aria-labelledby={`${ids}-recent`} data-testid="member-recent">
      <h3 id={`${ids}-recent`}>{t('handFlag.recent')}</h3>
      <ul className="flagged-list">
        {rows.map((m) => (
          <li key={m.id} tabIndex={0} data-flag-event={m.id}>
            {m.text || t('inbox.noText')} <span className="muted">· {absoluteTime(m.ts, i18n.language)}</span> <FlagMessage message={m} flagged={m.flags.length > 0} />
          </li>
        ))}
      </ul>
    </section>
  );
}
