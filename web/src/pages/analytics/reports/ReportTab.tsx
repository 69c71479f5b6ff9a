import { useState, type ReactNode } from 'react';
import { Flex, Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AnnualAssessment, MonthlySheet, QuarterlyBulletin } from '@gridgov/common';
import { QueryError } from '../../../components/QueryError';
import { analyticsKeys, fetchReport, type ReportKind } from '../api';
import { DownloadButtons } from './DownloadButtons';
import { AnnualAssessmentView } from './AnnualAssessment';
import { MonthlySheetView } from './MonthlySheet';
import { QuarterlyBulletinView } from './QuarterlyBulletin';
import { recentMonths, recentQuarters, recentYears } from './periods';

const PERIODS: Record<ReportKind, () => string[]> = { monthly: recentMonths, quarterly: recentQuarters, annual: recentYears };

/** One periodic report: pick the period, read it as a page, download it as Excel or PDF. */
export function ReportTab({ kind, unitId }: { kind: ReportKind; unitId: string }) {
  const { t } = useTranslation('analytics');
  const options = PERIODS[kind]();
  const [period, setPeriod] = useState(options[0]!);
  const q = useQuery({
    queryKey: analyticsKeys.report(kind, unitId, period),
    queryFn: ({ signal }) => fetchReport(kind as 'monthly', unitId, period, signal) as Promise<unknown>,
  });
  let body: ReactNode = null;
  if (q.data) {
    if (kind === 'monthly') body = <MonthlySheetView sheet={q.data as MonthlySheet} />;
    else if (kind === 'quarterly') body = <QuarterlyBulletinView bulletin={q.data as QuarterlyBulletin} />;
    else body = <AnnualAssessmentView report={q.data as AnnualAssessment} />;
  }
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center">
        <Select
          value={period} onChange={setPeriod} style={{ width: 160 }} data-testid={`report-${kind}-period`}
          options={options.map((p) => ({ value: p, label: p }))} aria-label={t('reports.period')}
        />
        <DownloadButtons kind={kind} unitId={unitId} period={period} />
      </Flex>
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isPending && <Flex justify="center" style={{ padding: 40 }}><Spin /></Flex>}
      {body}
    </Flex>
  );
}
