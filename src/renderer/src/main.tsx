// Renderer entry: i18n first (every screen is translated from the first paint), then the app, then sync.
import '@shared/zodSetup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getDb } from './db/instance';
import { keepDraftsOn, useKeptDrafts } from './features/replies/keptDrafts';
import { initI18n } from './i18n';
import { startSync } from './sync';
import { startHandFlagSync } from './stores/handFlags';
import { installTestHook } from './testHook';
import './styles.css';

initI18n();
// Drafts typed before a reload or restart come back; read while the first screen renders.
void keepDraftsOn(getDb()).catch((err: unknown) => {
  console.error('Could not read the kept drafts', err);
  useKeptDrafts.setState({ unsaved: true });
});
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
startSync();
startHandFlagSync();
installTestHook();
