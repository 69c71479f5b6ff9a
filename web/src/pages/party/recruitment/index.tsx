import { useState } from 'react';
import { Badge, Button, Card, Empty, Flex, Skeleton, Table, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CADRE_KIND_LABELS, RECRUIT_STAGE_LABELS, type Recruit, type RecruitStage } from '@gridgov/common';
import { useCan } from '../../../auth/useMe';
import { QueryError } from '../../../components/QueryError';
import { fetchCadres, fetchRecruits, partyKeys } from '../api';
import { useLabel } from '../labels';
import { useScopeUnit } from '../useScope';
import { RecruitCard } from './components/RecruitCard';
import { CadreModal } from './components/CadreModal';
import { NewApplicantModal } from './components/NewApplicantModal';

const BOARD: RecruitStage[] = ['applicant', 'activist', 'candidate', 'probationary', 'full'];

/** 发展党员: the five stages as a board (each card shows the steps still missing); reserve cadres; first secretaries. */
export default function PartyRecruitmentPage() {
  const { t } = useTranslation('party');
  const can = useCan();
  const [unitId] = useScopeUnit();
  const stageLabel = useLabel(RECRUIT_STAGE_LABELS);
  const kindLabel = useLabel(CADRE_KIND_LABELS);
  const [newOpen, setNewOpen] = useState(false);
  const [cadreKinds, setCadreKinds] = useState<('reserve_cadre' | 'village_reserve' | 'first_secretary')[] | null>(null);
  const recruits = useQuery({ queryKey: partyKeys.recruits(unitId), queryFn: ({ signal }) => fetchRecruits(unitId, signal) });
  const cadres = useQuery({ queryKey: partyKeys.cadres(unitId), queryFn: ({ signal }) => fetchCadres(unitId, signal) });
  const byStage = (s: RecruitStage): Recruit[] => recruits.data?.items.filter((r) => r.stage === s) ?? [];

  const cadreTable = (kinds: ('reserve_cadre' | 'village_reserve' | 'first_secretary')[], testId: string) => (
    <>
    {can('party.write') && (
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCadreKinds(kinds)} data-testid={`${testId}-add`}>
          {kinds.includes('first_secretary') ? t('cadre.addFirst') : t('cadre.addReserve')}
        </Button>
      </Flex>
    )}
    <Table
      rowKey="id" size="middle" className="gg-hscroll" loading={cadres.isPending} data-testid={testId}
      dataSource={cadres.data?.items.filter((c) => kinds.includes(c.kind))} pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: t('recruit.col.name'), dataIndex: 'name', width: 100 },
        { title: t('recruit.col.kind'), dataIndex: 'kind', width: 120, render: (k: string) => kindLabel(k) },
        { title: t('recruit.col.unit'), dataIndex: 'unitName', width: 160 },
        { title: t('recruit.col.fromOrgan'), dataIndex: 'fromOrgan', width: 180, render: (v: string | null) => v ?? '—' },
        { title: t('recruit.col.since'), dataIndex: 'since', width: 110, render: (v: string | null) => v ?? '—' },
        { title: t('recruit.col.until'), dataIndex: 'until', width: 110, render: (v: string | null) => v ?? '—' },
        { title: t('recruit.col.note'), dataIndex: 'note', width: 200, ellipsis: true, render: (v: string | null) => v ?? '—' },
      ]}
    />
    </>
  );

  return (
    <div className="gg-page">
      <Card>
        <Tabs
          items={[
            {
              key: 'pipeline', label: t('recruit.tabPipeline'),
              children: (
                <>
                  <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
                    <Typography.Text type="secondary">{t('recruit.hint')}</Typography.Text>
                    {can('party.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setNewOpen(true)} data-testid="party-recruit-new">{t('recruit.new')}</Button>}
                  </Flex>
                  {recruits.isError && <QueryError error={recruits.error} onRetry={() => void recruits.refetch()} />}
                  {recruits.isPending ? <Skeleton active /> : (
                    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(5, minmax(200px, 1fr))', gap: 12, overflowX: 'auto', paddingBottom: 8 }} data-testid="party-recruit-board">
                      {BOARD.map((s) => (
                        <div key={s} style={{ background: '#fafafa', borderRadius: 8, padding: 8, minHeight: 160 }} data-testid={`party-stage-${s}`}>
                          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                            <b>{stageLabel(s)}</b><Badge count={recruits.data?.byStage[s] ?? byStage(s).length} showZero color="#c8102e" />
                          </Flex>
                          <Flex vertical gap={8}>
                            {byStage(s).length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} /> : byStage(s).map((r) => <RecruitCard key={r.id} recruit={r} />)}
                          </Flex>
                        </div>
                      ))}
                    </div>
                  )}
                  {(recruits.data?.byStage.dropped ?? 0) > 0 && <Typography.Text type="secondary">{t('recruit.dropped', { count: recruits.data?.byStage.dropped ?? 0 })}</Typography.Text>}
                </>
              ),
            },
            { key: 'reserve', label: t('recruit.tabReserve'), children: cadres.isError ? <QueryError error={cadres.error} /> : cadreTable(['reserve_cadre', 'village_reserve'], 'party-reserve-cadres') },
            { key: 'first', label: t('recruit.tabFirstSecretaries'), children: cadres.isError ? <QueryError error={cadres.error} /> : cadreTable(['first_secretary'], 'party-first-secretaries') },
          ]}
        />
      </Card>
      <NewApplicantModal open={newOpen} onClose={() => setNewOpen(false)} />
      <CadreModal open={cadreKinds !== null} kinds={cadreKinds ?? ['reserve_cadre']} onClose={() => setCadreKinds(null)} />
    </div>
  );
}
