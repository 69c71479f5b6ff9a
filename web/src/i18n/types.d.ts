import 'i18next';
import type { resources } from './index';

// Typed keys: a typo in t('…') is a compile error. Chinese is the reference language.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: (typeof resources)['zh-CN'];
  }
}
