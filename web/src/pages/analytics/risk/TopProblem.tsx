import { Card, Statistic, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RiskResponse } from '@gridgov/common';
import { fmtRate } from '../components/format';

/** 每月一题: the proposal for the problem to tackle next month, with the figures behind it. */
export function TopProblem({ problem }: { problem: NonNullable<RiskResponse['topProblem']> }) {
  const { t, i18n } = useTranslation('analytics');
  const en = i18n.language === 'en-US';
  return (
    <Card
      size="small" data-testid="risk-top-problem"
      title={<><BulbOutlined style={{ color: '#fa8c16' }} /> {t('risk.topProblem', { month: problem.month })}</>}
      styles={{ body: { display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'center' } }}
    >
      <div style={{ flex: '2 1 260px' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{en ? problem.nameEn : problem.nameZh}</Typography.Title>
        <Typography.Paragraph style={{ margin: '4px 0 0' }}>{en ? problem.en : problem.zh}</Typography.Paragraph>
      </div>
      <Statistic title={t('risk.cases')} value={problem.caseCount} />
      <Statistic title={t('risk.share')} value={fmtRate(problem.share)} />
      <Statistic title={t('risk.grids')} value={problem.gridCount} />
      <Statistic title={t('risk.repeatPlaces')} value={problem.repeatLocations} />
    </Card>
  );
}
