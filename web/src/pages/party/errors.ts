import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { RECRUIT_STEP_LABELS, type RecruitStep } from '@gridgov/common';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../lib/errors';

/**
 * The party module's refusals (conflicts, wrong order of steps) come from the server in English and name the field;
 * in the party pages they are shown in the user's language. Anything not listed falls back to the app's error text.
 */
const KNOWN: [RegExp, string][] = [
  [/already signed up/, 'signedUp'],
  [/already registered with a community/, 'dualDone'],
  [/^activity: full/, 'full'],
  [/^already checked in/, 'checkedIn'],
  [/check the member in first/, 'checkInFirst'],
  [/already a party member/, 'isMember'],
  [/already in the pipeline or a member/, 'inPipeline'],
  [/already on this post/, 'onPost'],
  [/organisation code .* is taken/, 'codeTaken'],
  [/^decision: entry is already/, 'decided'],
  [/steps still missing/, 'missingSteps'],
  [/months in stage/, 'tooEarly'],
  [/is not allowed from/, 'notFromStage'],
  [/no more steps/, 'noMoreSteps'],
  [/is for in-service members/, 'dualInService'],
  [/already belongs to this organisation/, 'sameOrg'],
  [/only district-level users/, 'districtOnly'],
  [/is not in this contact group/, 'notInGroup'],
  [/date is before the current stage began/, 'beforeStage'],
];

export function usePartyErrorText() {
  const { t, i18n } = useTranslation('party');
  const base = useErrorText();
  return useCallback((e: unknown): string => {
    if (e instanceof ApiError) {
      const hit = KNOWN.find(([re]) => re.test(e.message));
      if (hit) {
        const d = (e.details ?? {}) as { missingSteps?: RecruitStep[]; minMonths?: number; since?: string };
        const zh = i18n.language.startsWith('zh');
        const steps = (d.missingSteps ?? []).map((s) => (zh ? RECRUIT_STEP_LABELS[s]?.zh : RECRUIT_STEP_LABELS[s]?.en) ?? s).join(zh ? '、' : ', ');
        return t(`errors.${hit[1]}` as 'errors.full', { steps, minMonths: d.minMonths ?? '', since: d.since ?? '' });
      }
    }
    return base(e);
  }, [t, i18n.language, base]);
}
