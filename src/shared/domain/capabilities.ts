// What each platform can do (DESIGN.md §2). The UI disables what a platform cannot do and says why.
import type { ActionKind } from './actions';
import type { Platform } from './model';

export interface Capability {
  supported: boolean;
  /** i18n key explaining why not, when unsupported. */
  whyNot?: string;
  maxSeconds?: number;
}

export const capabilities: Record<Platform, Record<ActionKind, Capability>> = {
  discord: {
    reply: { supported: true },
    announce: { supported: true },
    dm: { supported: true },
    lock: { supported: true },
    delete: { supported: true },
    timeout: { supported: true, maxSeconds: 28 * 24 * 3600 },
    kick: { supported: true },
    ban: { supported: true },
    unban: { supported: true },
    slowmode: { supported: true, maxSeconds: 21600 },
  },
  telegram: {
    reply: { supported: true },
    announce: { supported: true },
    dm: { supported: true },
    lock: { supported: true },
    delete: { supported: true },
    timeout: { supported: true },
    kick: { supported: true },
    ban: { supported: true },
    unban: { supported: true },
    slowmode: { supported: true },
  },
  whatsapp: {
    reply: { supported: true },
    announce: { supported: true },
    dm: { supported: true },
    lock: { supported: true },
    delete: { supported: true },
    timeout: { supported: false, whyNot: 'capability.whatsappNoMute' },
    kick: { supported: true },
    ban: { supported: false, whyNot: 'capability.whatsappNoBan' },
    unban: { supported: false, whyNot: 'capability.whatsappNoBan' },
    slowmode: { supported: false, whyNot: 'capability.whatsappNoSlowmode' },
  },
};
