// A member's history from this computer's store: cases, notes, flagged items and what their latest
// message said about them (join date, account age). Reloads when cases or notes change.
import { useEffect, useState } from 'react';
import type { Case } from '@shared/domain/cases';
import type { InboxItem } from '@shared/domain/inbox';
import type { Author } from '@shared/domain/model';
import { getDb } from '../../db/instance';
import type { MemberNoteRow } from '../../db/schema';
import { personCases, personNotes, personPlaces, useModeration } from '../../stores/moderation';
import { useTeam } from '../../stores/team';
import { linkedPairs } from '@shared/team/people';

export interface MemberHistory {
  cases: Case[];
  notes: MemberNoteRow[];
  items: InboxItem[];
  author: Author | undefined;
  /** When this was read: the ladder's window is measured from here. */
  now: number;
}

const EMPTY: MemberHistory = { cases: [], notes: [], items: [], author: undefined, now: 0 };

export function useMemberHistory(sourceId: string | undefined, memberId: string | undefined, withItems = false): MemberHistory {
  const version = useModeration((s) => s.version);
  // Reload when the accounts linked to anyone change (the person's history follows their links).
  const links = useTeam((s) => linkedPairs(s.view?.state).join(';'));
  const key = sourceId && memberId ? `${sourceId}|${memberId}|${version}|${links}` : undefined;
  const [loaded, setLoaded] = useState<{ key: string; value: MemberHistory } | undefined>();
  useEffect(() => {
    if (!key || !sourceId || !memberId) return;
    let cancelled = false;
    void (async () => {
      const places = personPlaces(sourceId, memberId, useTeam.getState().view?.state);
      const [cases, notes] = await Promise.all([personCases(places), personNotes(places)]);
      let items: InboxItem[] = [];
      let author: Author | undefined;
      if (withItems) {
        items = (await getDb().inboxItems.filter((i) => i.sourceId === sourceId && i.authorId === memberId).limit(200).toArray()).sort((a, b) => b.createdAt - a.createdAt);
        const latest = items[0] ? await getDb().events.get(items[0].primaryEventId) : undefined;
        author = latest?.author;
      }
      if (!cancelled) setLoaded({ key, value: { cases, notes, items, author, now: Date.now() } });
    })();
    return () => {
      cancelled = true;
    };
  }, [key, sourceId, memberId, withItems]);
  return loaded && loaded.key === key ? loaded.value : EMPTY;
}
