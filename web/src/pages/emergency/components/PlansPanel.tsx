import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Row, Skeleton, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/QueryError';
import { emergencyKeys, fetchPlans, type PlanItem } from '../api';
import { levelColour, typeOrder, useIncidentLabel, useLevelLabel } from '../labels';
import { PlanDrawer } from './PlanDrawer';

/** "地震应急预案(Ⅰ级响应)" → "地震应急预案": the card stands for every level. */
const planName = (n = '') => n.replace(/\s*[（(][^（()）]*[)）]\s*$/, '');

/** 应急预案: one card per incident type with its levels Ⅰ–Ⅳ; a level opens the plan in a drawer. */
export function PlansPanel({ onDeclare }: { onDeclare?: (incidentType: string) => void }) {
  const { t, i18n } = useTranslation('emergency');
  const incident = useIncidentLabel();
  const levelLabel = useLevelLabel();
  const [open, setOpen] = useState<{ type: string; planId: string } | null>(null);
  const q = useQuery({ queryKey: emergencyKeys.plans, queryFn: ({ signal }) => fetchPlans(signal), staleTime: 5 * 60_000 });
  const en = i18n.language === 'en-US';

  const groups = useMemo(() => {
    const m = new Map<string, PlanItem[]>();
    for (const p of q.data ?? []) m.set(p.incidentType, [...(m.get(p.incidentType) ?? []), p]);
    return [...m.entries()]
      .sort(([a], [b]) => typeOrder(a) - typeOrder(b))
      .map(([type, plans]) => [type, plans.sort((a, b) => a.level - b.level)] as const);
  }, [q.data]);

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active />;
  if (groups.length === 0) return <Empty description={t('plans.none')} />;

  return (
    <>
      <Row gutter={[12, 12]} data-testid="plans-list">
        {groups.map(([type, plans]) => (
          <Col xs={24} sm={12} xl={8} key={type}>
            <Card
              size="small"
              data-testid="plan-card"
              data-type={type}
              title={incident(type)}
              extra={onDeclare && <Button size="small" danger type="link" onClick={() => onDeclare(type)}>{t('plans.activate')}</Button>}
            >
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ minHeight: 44 }}>
                {planName(en ? plans[0]?.nameEn || plans[0]?.name : plans[0]?.name)}
              </Typography.Paragraph>
              <Space wrap size={6}>
                {plans.map((p) => (
                  <Button
                    key={p.id}
                    size="small"
                    onClick={() => setOpen({ type, planId: p.id })}
                    style={{ color: levelColour(p.level), borderColor: levelColour(p.level) }}
                    data-testid="plan-level"
                  >
                    {levelLabel(p.level)}
                  </Button>
                ))}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      {open && (
        <PlanDrawer
          plans={groups.find(([type]) => type === open.type)?.[1] ?? []}
          planId={open.planId}
          onPick={(planId) => setOpen({ ...open, planId })}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
