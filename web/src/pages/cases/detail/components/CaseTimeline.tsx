import { Card, Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../api';
import { fmtTime, useActionLabel, useStateLabel } from '../../shared/labels';

const COLOURS: Record<string, string> = { deadline_warn: 'red', urge: 'red', reject: 'red', return: 'red', verify_failed: 'red', mediation_failed: 'red', reopen: 'orange', escalate: 'orange', dispatch: 'blue', verify: 'green', close: 'gray', feedback: 'green', acknowledge: 'blue' };

/** The text a timeline entry carries: reason, note, departments and the like, from `after` when not flat. */
function detailText(e: TimelineEntry, stateLabel: (s: string) => string, warn: (l: string) => string): string[] {
  const a = (e.details ?? {}) as Record<string, unknown>;
  const out: string[] = [];
  const reason = a.reason as string | undefined;
  const note = (a.note ?? a.agreement) as string | undefined;
  if (reason) out.push(reason);
  if (note && note !== reason) out.push(note);
  const depts = a.departments ?? a.departmentNames;
  if (Array.isArray(depts)) out.push(depts.map((d) => (typeof d === 'string' ? d : (d as { name?: string; departmentName?: string }).name ?? (d as { departmentName?: string }).departmentName ?? '')).filter(Boolean).join('、'));
  if (typeof a.department === 'string') out.push(a.department);
  if (typeof a.departmentName === 'string') out.push(a.departmentName);
  if (typeof a.gridName === 'string') out.push(`${a.fromGridName ?? ''} → ${a.gridName}`);
  if (typeof a.intoTrackingNo === 'string') out.push('→ ' + a.intoTrackingNo);
  if (typeof a.until === 'string') out.push('→ ' + new Date(a.until).toLocaleString());
  if (a.level === 'yellow' || a.level === 'red') out.push(warn(a.level));
  if (typeof a.state === 'string') out.push('→ ' + stateLabel(a.state));
  return out;
}

/** Full history from audit events (case.* and dispatch.*), oldest first. */
export function CaseTimeline({ items }: { items: TimelineEntry[] }) {
  const { t } = useTranslation('cases');
  const action = useActionLabel();
  const stateLabel = useStateLabel();
  return (
    <Card title={t('detail.timeline')} size="small" data-testid="case-timeline">
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <Timeline
          items={items.map((e, i) => {
            const key = e.action.replace(/^(case|dispatch)\./, '');
            return {
              key: e.id ?? i,
              color: COLOURS[key] ?? 'blue',
              content: (
                <div>
                  <Typography.Text strong>{action(e.action)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                    {fmtTime(e.at)}{e.actorName ? ` · ${e.actorName === 'system' ? t('system') : e.actorName === 'resident' ? t('residentActor') : e.actorName}` : ''}
                  </Typography.Text>
                  {detailText(e, stateLabel, (l) => t(`warnLevel.${l as 'red'}`)).map((line, j) => (
                    <div key={j} className="gg-pre-line" style={{ color: '#595959', fontSize: 13 }}>{line}</div>
                  ))}
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
