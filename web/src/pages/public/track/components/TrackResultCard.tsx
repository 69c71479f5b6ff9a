import { Card, Descriptions, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { CASE_STATE_LABELS } from '@gridgov/common';
import type { TimelineEntry, TrackResult } from '../../api';

const STATE_COLOR: Record<string, string> = {
  closed: 'green', rated: 'green', verified: 'cyan', handled: 'cyan', rejected: 'red', reopened: 'orange', suspended: 'default', merged: 'default',
};

/** State, category and the public timeline (what happened and when; never who inside the office). */
export function TrackResultCard({ r }: { r: TrackResult }) {
  const { t, i18n } = useTranslation('public');
  const en = i18n.language === 'en-US';
  const stateLabel = CASE_STATE_LABELS[r.state] ? (en ? CASE_STATE_LABELS[r.state].en : CASE_STATE_LABELS[r.state].zh) : r.state;
  const reported = r.createdAt ?? r.reportedAt ?? r.timeline[0]?.at;
  const actionLabel = (e: TimelineEntry): string => {
    const a = e.action.replace(/^(case|dispatch)\./, '');
    const known = t(`actions.${a}` as 'actions.create', { defaultValue: '' });
    if (known) return known;
    if (en && e.labelEn) return e.labelEn;
    if (e.label) return e.label;
    return e.state && CASE_STATE_LABELS[e.state] ? (en ? CASE_STATE_LABELS[e.state].en : CASE_STATE_LABELS[e.state].zh) : a;
  };
  // Newest first: the resident wants to know where it stands now. The server sends them in order (moves made in
  // one transaction share a timestamp, so reverse rather than sort).
  const items = [...r.timeline].reverse();
  return (
    <Card data-testid="track-result">
      <Descriptions column={1} size="middle" colon={false} styles={{ label: { width: en ? 120 : 84 } }}>
        <Descriptions.Item label={t('track.trackingNo')}><Typography.Text copyable strong data-testid="track-tracking-no">{r.trackingNo}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('track.state')}>
          <Tag color={STATE_COLOR[r.state] ?? 'blue'} style={{ fontSize: 16, padding: '4px 10px' }} data-testid="track-state" data-state={r.state}>{stateLabel}</Tag>
        </Descriptions.Item>
        {r.category && <Descriptions.Item label={t('track.category')}>{en ? r.category.nameEn : r.category.name}</Descriptions.Item>}
        {reported && <Descriptions.Item label={t('track.reportedAt')}>{dayjs(reported).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>}
        {r.rejectReason && <Descriptions.Item label={t('track.rejectReason')}>{r.rejectReason}</Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={5}>{t('track.timeline')}</Typography.Title>
      {items.length === 0 ? <Typography.Text type="secondary">{t('track.noTimeline')}</Typography.Text> : (
        <Timeline
          data-testid="track-timeline"
          items={items.map((e, i) => ({
            key: `${e.at}-${i}`,
            color: i === 0 ? 'blue' : 'gray',
            content: (
              <>
                <Typography.Text strong style={{ fontSize: 15 }}>{actionLabel(e)}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>{dayjs(e.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                {e.note && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-line' }}>{e.note}</Typography.Paragraph>}
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
