import { Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dispatch } from '../../api';
import { Countdown, fmtTime } from '../../shared/labels';

const STATE_COLOURS = { sent: 'blue', acknowledged: 'processing', handled: 'green', returned: 'red', cancelled: 'default' } as const;

/** 派单与报到: each department's dispatch with its own state and the two deadlines counting down. */
export function Dispatches({ items }: { items: Dispatch[] }) {
  const { t, i18n } = useTranslation('cases');
  const en = i18n.language === 'en-US';
  return (
    <Card title={t('detail.dispatches')} size="small" data-testid="case-dispatches">
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noDispatches')} /> : (
        <Flex vertical gap={10}>
          {items.map((d) => {
            const open = d.state === 'sent' || d.state === 'acknowledged';
            return (
              <Card key={d.id} size="small" type="inner" data-testid="dispatch-item" data-dispatch-state={d.state}
                title={(
                  <Flex gap={6} align="center" wrap>
                    <Tag color={d.role === 'lead' ? 'red' : 'default'}>{t(`dispatchRole.${d.role}`)}</Tag>
                    <span>{en && d.departmentNameEn ? d.departmentNameEn : d.departmentName}</span>
                    <Tag color={STATE_COLOURS[d.state] ?? 'default'}>{t(`dispatchState.${d.state}`, { defaultValue: d.state })}</Tag>
                  </Flex>
                )}
              >
                <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                  <Descriptions.Item label={t('detail.ackDue')}>
                    {d.acknowledgedAt ? fmtTime(d.acknowledgedAt) : <Countdown due={d.ackDueAt} warn={d.ackWarn} done={!open} />}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('detail.handleDue')}>
                    {d.handledAt ? fmtTime(d.handledAt) : <Countdown due={d.handleDueAt} warn={d.handleWarn} done={!open} />}
                  </Descriptions.Item>
                  {d.instructions && <Descriptions.Item label={t('fields.instructions')} span={2}>{d.instructions}</Descriptions.Item>}
                  {d.feedback && <Descriptions.Item label={t('detail.feedback')} span={2}><span className="gg-pre-line">{d.feedback}</span></Descriptions.Item>}
                  {d.returnReason && <Descriptions.Item label={t('detail.returnReason')} span={2}><Typography.Text type="danger">{d.returnReason}</Typography.Text></Descriptions.Item>}
                  {d.extension && (
                    <Descriptions.Item label={t('detail.extension')} span={2}>
                      {fmtTime(d.extension.until)} · {t(`detail.extensionState.${d.extension.state}`)} · {d.extension.reason}
                    </Descriptions.Item>
                  )}
                </Descriptions>
              </Card>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}
