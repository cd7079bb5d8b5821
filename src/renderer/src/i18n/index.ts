// i18n setup: English and Simplified Chinese, the choice persisted in localStorage and defaulting
// from the browser's language.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { actEn } from './act.en';
import { actZhCN } from './act.zh-CN';
import { announceEn } from './announce.en';
import { announceZhCN } from './announce.zh-CN';
import { feedbackEn } from './feedback.en';
import { flagEn } from './flag.en';
import { flagZhCN } from './flag.zh-CN';
import { feedbackZhCN } from './feedback.zh-CN';
import { communityEn } from './community.en';
import { communityZhCN } from './community.zh-CN';
import { en } from './en';
import { insightsEn } from './insights.en';
import { insightsZhCN } from './insights.zh-CN';
import { peopleEn } from './people.en';
import { peopleZhCN } from './people.zh-CN';
import { welcomeEn } from './welcome.en';
import { welcomeZhCN } from './welcome.zh-CN';
import { draftsEn } from './drafts.en';
import { draftsZhCN } from './drafts.zh-CN';
import { rulesEn } from './rules.en';
import { rulesZhCN } from './rules.zh-CN';
import { securityEn } from './security.en';
import { securityZhCN } from './security.zh-CN';
import { shiftsEn } from './shifts.en';
import { shiftsZhCN } from './shifts.zh-CN';
import { whatsappEn } from './whatsapp.en';
import { whatsappZhCN } from './whatsapp.zh-CN';
import { whyEn } from './why.en';
import { whyZhCN } from './why.zh-CN';
import { zhCN } from './zh-CN';

export const languages = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const;
export type Language = (typeof languages)[number]['code'];

const STORAGE_KEY = 'tribekeeper.language';

function isLanguage(value: string | null): value is Language {
  return languages.some((l) => l.code === value);
}

export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // localStorage can be unavailable; fall through to the browser's language.
  }
  // No navigator outside a browser (unit tests that load a store in Node): English.
  const browserLanguage = typeof navigator === 'undefined' ? '' : navigator.language;
  return browserLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted; the switch still applies to this session.
  }
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

type Tree = { readonly [key: string]: string | Tree };

/** Feature string files (act.*.ts) join the same namespace; their keys extend the shared groups. */
export function merge(base: Tree, extra: Tree): Tree {
  const out: Record<string, string | Tree> = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const b = out[k];
    out[k] = typeof v === 'object' && typeof b === 'object' ? merge(b, v) : v;
  }
  return out;
}

export function initI18n(): typeof i18n {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  void i18n.use(initReactI18next).init({
    resources: {
      en: { translation: merge(merge(merge(merge(merge(merge(merge(merge(merge(merge(merge(merge(merge(merge(en, actEn), shiftsEn), rulesEn), communityEn), securityEn), announceEn), feedbackEn), insightsEn), whatsappEn), peopleEn), welcomeEn), whyEn), flagEn), draftsEn) },
      'zh-CN': { translation: merge(merge(merge(merge(merge(merge(merge(merge(merge(merge(merge(merge(merge(merge(zhCN, actZhCN), shiftsZhCN), rulesZhCN), communityZhCN), securityZhCN), announceZhCN), feedbackZhCN), insightsZhCN), whatsappZhCN), peopleZhCN), welcomeZhCN), whyZhCN), flagZhCN), draftsZhCN) },
    },
    lng,
    fallbackLng: 'en',
    // React escapes on render; i18next's own escaping would double-escape platform names.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}
