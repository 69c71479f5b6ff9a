import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATORS, type IndicatorKey } from '@gridgov/common';

/** Name, short name, formula and description of an indicator in the UI language, from the one shared definition. */
export function useIndicatorText() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return useCallback((key: IndicatorKey) => {
    const d = INDICATORS[key];
    const pick = (l: { zh: string; en: string }) => (en ? l.en : l.zh);
    return { name: pick(d.name), short: pick(d.short), formula: pick(d.formula), description: pick(d.description), better: d.better, format: d.format };
  }, [en]);
}
