import { Col, Progress, Row, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MEMBER_CLASS_LABELS } from '@gridgov/common';
import { QueryError } from '../../../../components/QueryError';
import { fetchTrainingCoverage, fetchUntrained, partyKeys } from '../../api';
import { useLabel } from '../../labels';

/** Yearly coverage per organisation and the members nobody has trained yet this year. */
export function CoverageTab({ unitId, year }: { unitId?: string; year: number }) {
  const { t } = useTranslation('party');
  const classLabel = useLabel(MEMBER_CLASS_LABELS);
  const cov = useQuery({ queryKey: partyKeys.trainingCoverage(unitId, year), queryFn: ({ signal }) => fetchTrainingCoverage(unitId, year, signal) });
  const untrained = useQuery({ queryKey: partyKeys.untrained(unitId, year), queryFn: ({ signal }) => fetchUntrained(unitId, year, signal) });
  const members = cov.data?.items.reduce((s, r) => s + r.members, 0) ?? 0;
  const trained = cov.data?.items.reduce((s, r) => s + r.trained, 0) ?? 0;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        {cov.isError && <QueryError error={cov.error} onRetry={() => void cov.refetch()} />}
        <Typography.Title level={5}>{t('training.coverageTitle', { year })} · {trained} / {members}</Typography.Title>
        <Table
          rowKey="orgId" size="small" className="gg-hscroll" loading={cov.isPending} dataSource={cov.data?.items} pagination={{ pageSize: 15, hideOnSinglePage: true }}
          data-testid="party-training-coverage"
          columns={[
            { title: t('orgs.name'), dataIndex: 'orgName', width: 200 },
            { title: t('training.trained'), key: 'n', width: 90, render: (_, r) => `${r.trained} / ${r.members}` },
            { title: t('training.coverage'), dataIndex: 'coverage', width: 180, render: (c: number) => <Progress percent={Math.round(c * 1000) / 10} size="small" strokeColor={c >= 1 ? '#52c41a' : '#c8102e'} /> },
          ]}
        />
      </Col>
      <Col xs={24} lg={10}>
        {untrained.isError && <QueryError error={untrained.error} onRetry={() => void untrained.refetch()} />}
        <Typography.Title level={5}>{t('training.untrained', { count: untrained.data?.total ?? 0 })}</Typography.Title>
        <Table
          rowKey="id" size="small" className="gg-hscroll" loading={untrained.isPending} dataSource={untrained.data?.items} pagination={{ pageSize: 15, hideOnSinglePage: true }}
          data-testid="party-untrained"
          columns={[
            { title: t('members.col.name'), dataIndex: 'name', width: 90 },
            { title: t('members.col.class'), dataIndex: 'memberClass', width: 120, render: (c: string) => <Tag>{classLabel(c)}</Tag> },
            { title: t('members.col.org'), dataIndex: 'orgName', width: 180, ellipsis: true },
          ]}
        />
      </Col>
    </Row>
  );
}
