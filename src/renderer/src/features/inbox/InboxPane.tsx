// The inbox: filters with counts and a virtualized list of items in priority order. Rows have a fixed
// height so 200k items cost only the rows on screen; the store reads the items near them as they come
// into view (a row not read yet shows a placeholder for a moment).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { filterCounts, INBOX_FILTERS, listLength, rowIndexOf, useInbox, visibleIds } from '../../stores/inbox';
import { InboxRow } from './InboxRow';
import { ProposalsNotice } from '../rules/ProposalsNotice';

export const ROW_HEIGHT = 78;

export function rowDomId(itemId: string): string {
  // Item ids hold platform ids and colons; a DOM id only needs to be unique and stable.
  return `row-${itemId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function InboxPane() {
  const { t } = useTranslation();
  const state = useInbox();
  const ids = visibleIds(state);
  const counts = filterCounts(state);
  const { currentId, detailOpen, byId, filter, loaded } = state;
  const length = listLength(state);
  const scrollRef = useRef<HTMLDivElement>(null);

  // No React Compiler here; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => ids[index] ?? index,
  });

  const currentIndex = rowIndexOf(state, currentId);
  const rows = virtualizer.getVirtualItems();
  const firstRow = rows[0]?.index ?? 0;
  const lastRow = rows.at(-1)?.index ?? -1;
  // The rows in view (and near them) are read from the store; far ones leave memory.
  useEffect(() => {
    if (lastRow >= firstRow) useInbox.getState().showRange(firstRow, lastRow);
  }, [firstRow, lastRow, ids]);
  // Scroll when the current item changes, not when new items push it down: a moderator watching the
  // top of the list keeps seeing what arrives.
  const scrolledTo = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (currentIndex < 0 || scrolledTo.current === currentId) return;
    scrolledTo.current = currentId;
    virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentId, currentIndex, virtualizer]);

  const pick = useCallback((id: string) => {
    useInbox.getState().open(id);
    scrollRef.current?.focus();
  }, []);

  return (
    <nav className="inbox" aria-labelledby="inbox-title" data-testid="inbox">
      <div className="inbox-head">
        <h2 id="inbox-title">{t('inbox.title')}</h2>
        <div className="filters" role="group" aria-label={t('inbox.filterLabel')}>
          {INBOX_FILTERS.map((f) => (
            <button key={f} type="button" aria-pressed={filter === f} title={f === 'maybe' ? t('inbox.filterHint.maybe') : undefined} onClick={() => useInbox.getState().setFilter(f)}>
              {t(`inbox.filter.${f}`)} <span className="count">{counts[f] ?? '…'}</span>
            </button>
          ))}
        </div>
      </div>
      <ProposalsNotice />
      {loaded && length === 0 ? (
        <p className="empty">{t(`inbox.empty.${filter}`)}</p>
      ) : (
        <div
          ref={scrollRef}
          className="inbox-scroll"
          role="listbox"
          tabIndex={0}
          aria-label={t('inbox.listLabel')}
          aria-activedescendant={currentId && currentIndex >= 0 ? rowDomId(currentId) : undefined}
        >
          <div role="presentation" className="inbox-sizer" style={{ height: virtualizer.getTotalSize() }}>
            {rows.map((row) => {
              const id = ids[row.index];
              const item = id ? byId.get(id) : undefined;
              if (!item) {
                return (
                  <div role="presentation" key={row.key} className="inbox-slot inbox-placeholder" style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}>
                    {t('inbox.loadingRow')}
                  </div>
                );
              }
              return (
                <div role="presentation" key={row.key} className="inbox-slot" style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}>
                  <InboxRow item={item} selected={item.id === currentId} open={detailOpen && item.id === currentId} domId={rowDomId(item.id)} onPick={pick} />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </nav>
  );
}
