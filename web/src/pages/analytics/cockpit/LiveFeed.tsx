import { Badge } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useStateLabel } from '../../cases/shared/labels';
import type { FeedItem } from './useLiveFeed';
import { Panel } from './Panel';

const time = (at: number) => new Date(at).toLocaleTimeString('zh-CN', { hour12: false });

/** The latest changes in scope as they arrive over the app's one SSE stream. */
export function LiveFeed({ items }: { items: FeedItem[] }) {
  const { t } = useTranslation('analytics');
  const stateLabel = useStateLabel();
  return (
    <Panel title={t('cockpit.feed')} extra={<Badge status="processing" text={<span style={{ color: 'rgba(255,255,255,0.65)', fontSize: 12 }}>{t('cockpit.live')}</span>} />} testId="cockpit-feed">
      {items.length === 0 ? (
        <div style={{ color: 'rgba(255,255,255,0.45)', fontSize: 13, padding: '8px 0' }}>{t('cockpit.feedEmpty')}</div>
      ) : (
        <ul className="gg-feed">
          {items.map((it) => (
            <li key={it.key} data-testid="cockpit-feed-item">
              <span className="gg-feed-time">{time(it.at)}</span>
              <span>
                {it.type === 'case.changed'
                  ? t('feed.caseChanged', { state: stateLabel(it.state) })
                  : it.title ?? t('feed.notification')}
                {it.caseId && <> · <Link to={`/cases/${it.caseId}`}>{t('feed.open')}</Link></>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
