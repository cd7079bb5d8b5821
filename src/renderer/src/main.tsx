// Renderer entry: i18n first (every screen is translated from the first paint), then the app, then sync.
import '@shared/zodSetup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { startSync } from './sync';
import { startHandFlagSync } from './stores/handFlags';
import { installTestHook } from './testHook';
import './styles.css';

initI18n();
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
