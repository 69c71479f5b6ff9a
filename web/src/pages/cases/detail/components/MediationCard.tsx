import { Button, Card, Descriptions, List, Tag } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Mediation } from '../../api';
import { fmtTime } from '../../shared/labels';

const COLOURS = { open: 'gold', agreed: 'green', failed: 'red' } as const;

/** 调解记录: parties, mediator, sessions, the outcome; an agreement can be printed. */
export function MediationCard({ caseId, m }: { caseId: string; m: Mediation }) {
  const { t } = useTranslation('cases');
  const printUrl = m.agreementUrl ?? `/api/cases/${caseId}/mediation/agreement`;
  return (
    <Card
      title={t('detail.mediation')}
      size="small"
      data-testid="case-mediation"
      extra={m.state === 'agreed' ? (
        <Button size="small" icon={<PrinterOutlined />} href={printUrl} target="_blank" data-testid="print-agreement">{t('detail.printAgreement')}</Button>
      ) : null}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('detail.mediator')}>{m.mediatorName}</Descriptions.Item>
        <Descriptions.Item label={t('columns.state')}><Tag color={COLOURS[m.state]}>{t(`detail.mediationState.${m.state}`)}</Tag></Descriptions.Item>
        <Descriptions.Item label={t('detail.parties')} span={2}>
          {m.parties.map((p) => `${p.name}（${p.role}${p.phoneMasked ? ' ' + p.phoneMasked : ''}）`).join('；')}
        </Descriptions.Item>
        {m.agreement && <Descriptions.Item label={t('detail.agreement')} span={2}><span className="gg-pre-line">{m.agreement}</span></Descriptions.Item>}
        {m.failureReason && <Descriptions.Item label={t('detail.failureReason')} span={2}>{m.failureReason}</Descriptions.Item>}
      </Descriptions>
      {m.sessions.length > 0 && (
        <List
          size="small"
          header={t('detail.sessions')}
          dataSource={m.sessions}
          renderItem={(s) => (
            <List.Item>
              <div>
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>{fmtTime(s.heldAt)}{s.place ? ` · ${s.place}` : ''}</div>
                <div className="gg-pre-line">{s.notes}</div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
