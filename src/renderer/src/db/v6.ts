// Schema version 6: the inbox is read page by page in its priority order (issue 17, issue 15 §2). Every
// item row carries its lane and rank (set on each write by inboxIndex.ts), indexed together, so the
// first page of a lane and the lane's count come from the index without reading the other rows.
import type Dexie from 'dexie';
import type { InboxItem } from '@shared/domain/inbox';
import { withIndexFields } from './inboxIndex';
import { v5Stores } from './v5';

export const v6Stores = {
  ...v5Stores,
  inboxItems: `${v5Stores.inboxItems}, [lane+rank]`,
};

export function declareV6(db: Dexie): void {
  db.version(6)
    .stores(v6Stores)
    .upgrade((tx) =>
      tx
        .table<InboxItem, string>('inboxItems')
        .toCollection()
        .modify((item: InboxItem & Record<string, unknown>) => {
          Object.assign(item, withIndexFields(item));
        }),
    );
}
