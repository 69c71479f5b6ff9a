import { Descriptions, Drawer, Grid, List, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/QueryError';
import { emergencyKeys, fetchPlan, type PlanDetail, type PlanItem } from '../api';
import { levelColour, useIncidentLabel, useLevelLabel, usePair, useResponderLabel } from '../labels';
import { ReportFieldTags, SitrepFieldTags } from './ReportFieldTags';

/** "90 min" / "2 h" / "1 d" from minutes. */
export function useDuration() {
  const { t } = useTranslation('emergency');
  return (m: number) => (m >= 1440 && m % 1440 === 0 ? t('time.days', { n: m / 1440 }) : m >= 60 ? t('time.hours', { n: Math.round(m / 6) / 10 }) : t('time.minutes', { n: m }));
}

function PlanBody({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation('emergency');
  const pair = usePair();
  const responder = useResponderLabel();
  const dur = useDuration();
  return (
    <>
      <Typography.Paragraph className="gg-pre-line">{plan.summary}</Typography.Paragraph>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('plans.ackTimer')}>{dur(plan.timers.ackMinutes)}</Descriptions.Item>
        <Descriptions.Item label={t('plans.execTimer')}>{dur(plan.timers.executeMinutes)}</Descriptions.Item>
        <Descriptions.Item label={t('plans.escalateTimer')}>{dur(plan.timers.streetAfterMinutes)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('plans.templates')}</Typography.Title>
      <List
        size="small" bordered dataSource={plan.directiveTemplates} locale={{ emptyText: t('plans.noneItems') }}
        renderItem={(d) => (
          <List.Item>
            <List.Item.Meta
              title={<>{d.title} <Tag>{t('plans.dueIn', { d: dur(d.dueMinutes) })}</Tag></>}
              description={<><div className="gg-pre-line">{d.body}</div><ReportFieldTags fields={d.reportFields} /></>}
            />
          </List.Item>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('plans.teams')}</Typography.Title>
      <List
        size="small" bordered dataSource={plan.mobilise} locale={{ emptyText: t('plans.noneItems') }}
        renderItem={(m) => (
          <List.Item>
            <span><Tag>{responder(m.kind)}</Tag>{pair(m)}{m.team ? ` · ${m.team}` : ''}</span>
            {m.perGrid ? <Typography.Text type="secondary">{t('plans.perGrid', { n: m.perGrid })}</Typography.Text> : null}
          </List.Item>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('plans.checklist')}</Typography.Title>
      <List size="small" bordered dataSource={plan.checklist} locale={{ emptyText: t('plans.noneItems') }} renderItem={(c) => <List.Item>☐ {pair(c)}</List.Item>} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('plans.sitrep')}</Typography.Title>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('plans.sitrepEvery')}>{dur(plan.sitrep.everyMinutes)}</Descriptions.Item>
        <Descriptions.Item label={t('plans.sitrepFields')}><SitrepFieldTags fields={plan.sitrep.fields} /></Descriptions.Item>
      </Descriptions>
    </>
  );
}

/** One incident type's plans: a tab per level with templates, forces to mobilise, checklist and report fields. */
export function PlanDrawer({ plans, planId, onPick, onClose }: { plans: PlanItem[]; planId: string; onPick: (id: string) => void; onClose: () => void }) {
  const { i18n } = useTranslation('emergency');
  const incident = useIncidentLabel();
  const levelLabel = useLevelLabel();
  const screens = Grid.useBreakpoint();
  const q = useQuery({ queryKey: emergencyKeys.plan(planId), queryFn: ({ signal }) => fetchPlan(planId, signal), staleTime: 5 * 60_000 });
  const en = i18n.language === 'en-US';
  const title = q.data ? `${en ? q.data.nameEn || q.data.name : q.data.name}` : incident(plans[0]?.incidentType);
  return (
    <Drawer open onClose={onClose} size={screens.md ? 680 : '100%'} title={title} data-testid="plan-drawer">
      <Tabs
        activeKey={planId}
        onChange={onPick}
        items={plans.map((p) => ({ key: p.id, label: <span style={{ color: levelColour(p.level) }}>{levelLabel(p.level)}</span> }))}
      />
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending ? <Skeleton active /> : q.data && <PlanBody plan={q.data} />}
    </Drawer>
  );
}
