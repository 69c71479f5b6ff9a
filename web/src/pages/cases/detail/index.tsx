import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Row, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/QueryError';
import { caseKeys, fetchCase } from '../api';
import { Countdown, RiskTag, StateTag, useActionLabel } from '../shared/labels';
import { ActionModal } from './components/ActionModal';
import { CaseInfo } from './components/CaseInfo';
import { CaseMapCard } from './components/CaseMapCard';
import { CaseTimeline } from './components/CaseTimeline';
import { Dispatches } from './components/Dispatches';
import { MediationCard } from './components/MediationCard';
import { Photos } from './components/Photos';
import { Reporters } from './components/Reporters';

/** Buttons that move a matter backwards or out get the danger style. */
const DANGER = new Set(['reject', 'return', 'verify_failed', 'mediation_failed', 'deny_extension']);

/** 事项详情: everything about one matter, and the moves the caller may make now (from `allowedActions`). */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('cases');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const label = useActionLabel();
  const [action, setAction] = useState<string | null>(null);
  const q = useQuery({ queryKey: caseKeys.detail(id), queryFn: ({ signal }) => fetchCase(id, signal) });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: caseKeys.detail(id) });
    void qc.invalidateQueries({ queryKey: ['cases', 'list'] });
    void qc.invalidateQueries({ queryKey: caseKeys.counts });
  };

  if (q.isPending) return <Spin style={{ display: 'block', margin: 80 }} />;
  if (q.isError) return <div className="gg-page"><QueryError error={q.error} onRetry={() => void q.refetch()} /></div>;
  const d = q.data;
  const primary = d.allowedActions.find((a) => !DANGER.has(a) && a !== 'merge' && a !== 'request_suspension');

  return (
    <div className="gg-page" data-testid="case-page" data-case-id={d.id} data-version={d.version}>
      <Flex vertical gap={12}>
        <Card size="small">
          <Flex justify="space-between" align="flex-start" gap={12} wrap>
            <div style={{ minWidth: 0, flex: '1 1 320px' }}>
              <Space size={4} wrap style={{ marginBottom: 4 }}>
                <Button type="link" size="small" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>{t('detail.back')}</Button>
                <Typography.Text type="secondary" copyable style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="case-tracking-no">{d.trackingNo}</Typography.Text>
              </Space>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-title">{d.title}</Typography.Title>
              <Space size={6} wrap style={{ marginTop: 8 }}>
                <StateTag state={d.state} testId="case-state" />
                <RiskTag risk={d.riskLevel} long />
                <Countdown due={d.countdown?.dueAt ?? d.dueAt} start={d.createdAt} warn={d.countdown?.overdue ? 'red' : d.warnLevel} done={['closed', 'merged', 'rejected', 'handled', 'verified', 'rated'].includes(d.state)} />
              </Space>
            </div>
            <Flex gap={8} wrap data-testid="case-actions" style={{ maxWidth: '100%' }}>
              {d.allowedActions.length === 0 && <Typography.Text type="secondary">{t('detail.noActions')}</Typography.Text>}
              {d.allowedActions.map((a) => (
                <Button
                  key={a}
                  type={a === primary ? 'primary' : 'default'}
                  danger={DANGER.has(a)}
                  onClick={() => setAction(a)}
                  data-testid={`case-action-${a}`}
                >
                  {label(a)}
                </Button>
              ))}
            </Flex>
          </Flex>
          {d.suspensionRequested && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('detail.suspensionRequested', { reason: d.suspensionRequested.reason })} />}
          {d.mergedIntoId && (
            <Alert style={{ marginTop: 12 }} type="info" showIcon title={<span>{t('detail.mergedInto')} <Link to={`/cases/${d.mergedIntoId}`}>#{d.mergedIntoId}</Link></span>} />
          )}
        </Card>
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={15}>
            <Flex vertical gap={12}>
              <CaseInfo d={d} />
              <Photos photos={d.photos ?? []} />
              <Dispatches items={d.dispatches ?? []} />
              {d.mediation && <MediationCard caseId={d.id} m={d.mediation} />}
              <Reporters items={d.reporters ?? []} />
            </Flex>
          </Col>
          <Col xs={24} lg={9}>
            <Flex vertical gap={12}>
              <CaseMapCard d={d} />
              {d.timeline ? <CaseTimeline items={d.timeline} /> : <Empty />}
            </Flex>
          </Col>
        </Row>
      </Flex>
      <ActionModal detail={d} action={action} onClose={() => setAction(null)} onChanged={refresh} />
    </div>
  );
}
