import { Card, Descriptions, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api';
import { Countdown, fmtTime, RiskTag, useChannelLabel, useDeadlineClassLabel } from '../../shared/labels';
import { useCategoryTreeData } from '../../shared/useCatalogue';

const DONE = new Set(['closed', 'merged', 'rejected', 'handled', 'verified', 'rated']);

/** What the matter is, where, who holds it and how long is left. */
export function CaseInfo({ d }: { d: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const channel = useChannelLabel();
  const cls = useDeadlineClassLabel();
  const { name, byCode } = useCategoryTreeData(false);
  const code = d.category?.code ?? d.categoryCode;
  const cat = code ? byCode.get(code) : undefined;
  const extra = Object.entries(d.extra ?? {}).filter(([, v]) => v != null && v !== '');
  const fieldLabel = (k: string) => {
    const f = cat?.requiredFields?.find((x) => x.key === k);
    return f ? (i18n.language === 'en-US' ? f.en : f.zh) : k;
  };
  return (
    <Card size="small" title={t('detail.description')}>
      <Typography.Paragraph className="gg-pre-line" style={{ fontSize: 15 }} data-testid="case-description">{d.description}</Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('detail.category')}>{d.category ? (i18n.language === 'en-US' ? d.category.nameEn : d.category.name) : name(code)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.channel')}>{channel(d.channel)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.risk')}><RiskTag risk={d.riskLevel} long /></Descriptions.Item>
        <Descriptions.Item label={t('detail.grid')}>
          {d.gridId ? <Link to={`/units/${d.gridId}`}>{d.gridName ?? d.gridId}</Link> : '—'}{d.cellName ? ` · ${d.cellName}` : ''}
        </Descriptions.Item>
        {d.leadDepartmentName && <Descriptions.Item label={t('dispatchRole.lead')}>{d.leadDepartmentName}</Descriptions.Item>}
        <Descriptions.Item label={t('detail.holder')}><span data-testid="case-holder">{d.holder ? t(`holder.${d.holder}` as 'holder.grid', { defaultValue: d.holder }) : '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t('detail.createdAt')}>{fmtTime(d.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.deadlineClass')}>{cls(d.deadlineClass)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.responseDue')}>
          <Countdown due={d.responseDueAt} start={d.createdAt} done={d.state !== 'reported'} />
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.due')}>
          <Countdown due={d.countdown?.dueAt ?? d.dueAt} start={d.createdAt} warn={d.countdown?.overdue ? 'red' : d.warnLevel} done={DONE.has(d.state)} testId="case-due" />
        </Descriptions.Item>
        {d.address && <Descriptions.Item label={t('detail.address')} span={3}>{d.address}</Descriptions.Item>}
        {extra.map(([k, v]) => <Descriptions.Item key={k} label={fieldLabel(k)}>{String(v)}</Descriptions.Item>)}
        {d.rejectReason && <Descriptions.Item label={t('detail.rejectReason')} span={3}>{d.rejectReason}</Descriptions.Item>}
        {d.resolution && <Descriptions.Item label={t('detail.resolution')} span={3}><span className="gg-pre-line">{d.resolution}</span></Descriptions.Item>}
        {d.satisfaction && (
          <Descriptions.Item label={t('detail.rating')} span={3}>
            {d.resolved == null ? '' : d.resolved ? t('detail.resolvedYes') : t('detail.resolvedNo')} · {t(`satisfaction.${d.satisfaction}` as 'satisfaction.basic', { defaultValue: d.satisfaction })}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
