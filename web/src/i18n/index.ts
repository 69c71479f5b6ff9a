import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCommon from './zh-CN/common.json';
import zhLogin from './zh-CN/login.json';
import zhTerritory from './zh-CN/territory.json';
import zhMap from './zh-CN/map.json';
import zhResidents from './zh-CN/residents.json';
import zhUsers from './zh-CN/users.json';
import zhAudit from './zh-CN/audit.json';
import zhCases from './zh-CN/cases.json';
import zhCatalogue from './zh-CN/catalogue.json';
import zhParty from './zh-CN/party.json';
import zhPublic from './zh-CN/public.json';
import zhAnalytics from './zh-CN/analytics.json';
import zhField from './zh-CN/field.json';
import zhEmergency from './zh-CN/emergency.json';
import zhMobilise from './zh-CN/mobilise.json';
import enCommon from './en-US/common.json';
import enLogin from './en-US/login.json';
import enTerritory from './en-US/territory.json';
import enMap from './en-US/map.json';
import enResidents from './en-US/residents.json';
import enUsers from './en-US/users.json';
import enAudit from './en-US/audit.json';
import enCases from './en-US/cases.json';
import enCatalogue from './en-US/catalogue.json';
import enParty from './en-US/party.json';
import enPublic from './en-US/public.json';
import enAnalytics from './en-US/analytics.json';
import enField from './en-US/field.json';
import enEmergency from './en-US/emergency.json';
import enMobilise from './en-US/mobilise.json';

export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_STORAGE_KEY = 'gridgov.lang';

export const resources = {
  'zh-CN': {
    common: zhCommon, login: zhLogin, territory: zhTerritory, map: zhMap,
    residents: zhResidents, users: zhUsers, audit: zhAudit, party: zhParty,
    cases: zhCases, catalogue: zhCatalogue, public: zhPublic,
    analytics: zhAnalytics,
    field: zhField,
    emergency: zhEmergency,
    mobilise: zhMobilise,
  },
  'en-US': {
    common: enCommon, login: enLogin, territory: enTerritory, map: enMap,
    residents: enResidents, users: enUsers, audit: enAudit, party: enParty,
    cases: enCases, catalogue: enCatalogue, public: enPublic,
    analytics: enAnalytics,
    field: enField,
    emergency: enEmergency,
    mobilise: enMobilise,
  },
} as const;

/** Chinese first: only an explicit earlier choice switches the UI to English. */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_STORAGE_KEY);
    if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  } catch {
    // Storage may be blocked (private mode); Chinese is the default anyway.
  }
  return 'zh-CN';
}

export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Not persisted, still switched for this session.
  }
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLang(),
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  ns: Object.keys(resources['zh-CN']),
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});
document.documentElement.lang = i18n.language;

export default i18n;
