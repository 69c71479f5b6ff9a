import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

const LOCALISED = ['NETWORK', 'FORBIDDEN', 'NOT_FOUND', 'OUT_OF_SCOPE', 'UNAUTHENTICATED', 'INTERNAL'] as const;
type Localised = (typeof LOCALISED)[number];

/**
 * Turns an API error into text for the user: generic codes get a translated sentence, everything else
 * (validation, conflicts, import errors) shows the server's message, which names the field at fault.
 */
export function useErrorText() {
  const { t } = useTranslation();
  return useCallback((e: unknown): string => {
    if (e instanceof ApiError) {
      if ((LOCALISED as readonly string[]).includes(e.code)) return t(`errors.${e.code as Localised}`);
      return e.message || t('errors.generic');
    }
    if (e instanceof Error) return e.message;
    return t('errors.generic');
  }, [t]);
}

/**
 * The request field an API error names, without its part (`body.`, `querystring.`): `details.field` from a service,
 * else the first schema issue's field. '' when it names none.
 */
export function errorField(e: unknown): string {
  if (!(e instanceof ApiError)) return '';
  const issues = e.details?.issues;
  const raw = e.details?.field ?? (Array.isArray(issues) ? (issues[0] as { field?: unknown } | undefined)?.field : undefined);
  return typeof raw === 'string' ? raw.replace(/^(body|querystring|params)\./, '') : '';
}
