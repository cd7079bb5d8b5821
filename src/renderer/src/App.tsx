// The console's layout: banner, inbox (nav) and the open item or settings (main).
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from './components/Header';
// The header's parts from features, imported where the header imported them, so their stylesheets
// (act.css, shifts.css) keep their place in the built CSS.
import { OutboxBadge, OutboxPanel } from './features/conversation/OutboxPanel';
import { OnNow } from './features/shifts/OnNow';
import { RefusedScreen } from './components/RefusedScreen';
import { ShortcutHelp } from './components/ShortcutHelp';
import { startCaseSettlement } from './features/conversation/caseActions';
import { ItemView } from './features/conversation/ItemView';
import { PageAlert } from './features/shifts/PageAlert';
import { MemberView } from './features/members/MemberView';
import { RulesDraftNotice } from './features/rules/DraftNotice';
import { CommandPalette } from './features/palette/CommandPalette';
import { InboxPane } from './features/inbox/InboxPane';
import { SettingsView } from './features/settings/SettingsView';
import { ShiftsView } from './features/shifts/ShiftsView';
import { AnnouncementsView } from './features/announcements/AnnouncementsView';
import { LatePosts } from './features/announcements/LatePosts';
import { FeedbackView } from './features/feedback/FeedbackView';
import { useInsights } from './features/insights/useInsights';
import { startFeedbackSync } from './features/feedback/useFeedback';
import { useShortcuts } from './keyboard';
import { openItem, useInbox } from './stores/inbox';
import { DesktopShellSync } from './lib/desktop';
import { startLanguageProfiles } from './lib/languageProfiles';
import { useModeration } from './stores/moderation';
import { useSettings } from './stores/settings';
import { useSources } from './stores/sources';

// The rule editor carries the triage engine into the page: loaded when first opened, not at start.
const RulesView = lazy(() => import('./features/rules/RulesView'));
// Insights carries uPlot and its worker: loaded when first opened.
const InsightsView = lazy(() => import('./features/insights/InsightsView'));

/** After the inbox's first page: the first page's own reads and paint go first. */
const INSIGHTS_START_DELAY_MS = 500;
/** The language profiles load when the page is first idle after the inbox shows, or after this at the latest. */
const LANGUAGE_PROFILES_TIMEOUT_MS = 3_000;

function NewItemsAnnouncer() {
  const { t } = useTranslation();
  const announcement = useInbox((s) => s.announcement);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {announcement.seq > 0 && <span key={announcement.seq}>{t('inbox.newItems', { count: announcement.count })}</span>}
    </div>
  );
}

export function App() {
  const bridge = useSources((s) => s.bridge);
  const view = useSettings((s) => s.view);
  const shown = useInbox(openItem);
  useShortcuts();
  const { t } = useTranslation();
  useEffect(() => {
    void useModeration.getState().load();
    startFeedbackSync();
  }, []);
  // Cases settle from their actions' answers, also those replayed after a restart.
  useEffect(() => startCaseSettlement(t), [t]);
  // The insights worker starts once the inbox's first page shows (never ahead of it): Insights then
  // opens on aggregates already in memory, and the crisis signal runs while the view is closed.
  const inboxLoaded = useInbox((s) => s.loaded);
  useEffect(() => {
    if (!inboxLoaded) return;
    // The language detector's profiles, kept off the first screen's path (lib/languageProfiles.ts):
    // when the page is idle, unless a reply box asks for them first.
    const idle = requestIdleCallback(startLanguageProfiles, { timeout: LANGUAGE_PROFILES_TIMEOUT_MS });
    const timer = setTimeout(() => useInsights.getState().start(), INSIGHTS_START_DELAY_MS);
    return () => {
      clearTimeout(timer);
      cancelIdleCallback(idle);
    };
  }, [inboxLoaded]);

  if (bridge === 'refused') return <RefusedScreen />;
  return (
    <div className="app">
      <DesktopShellSync />
      <Header team={<OnNow />} outbox={<OutboxBadge />} />
      <RulesDraftNotice />
      <LatePosts />
      <div className="panes">
        {view === 'settings' ? (
          <SettingsView />
        ) : view === 'shifts' ? (
          <ShiftsView />
        ) : view === 'announcements' ? (
          <AnnouncementsView />
        ) : view === 'feedback' ? (
          <FeedbackView />
        ) : view === 'insights' ? (
          <Suspense fallback={<p className="muted">…</p>}>
            <InsightsView />
          </Suspense>
        ) : view === 'rules' ? (
          <Suspense fallback={<p className="muted">…</p>}>
            <RulesView />
          </Suspense>
        ) : (
          <>
            <InboxPane />
            <ItemView item={shown} />
          </>
        )}
      </div>
      <ShortcutHelp />
      <MemberView />
      <CommandPalette />
      <OutboxPanel />
      <NewItemsAnnouncer />
      <PageAlert />
    </div>
  );
}
