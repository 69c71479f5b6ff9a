import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CatalogueTab } from './components/CatalogueTab';
import { CalendarTab } from './components/CalendarTab';

/** 事项目录与工作日历 (catalogue.manage): category settings and the working calendar the deadlines use. */
export default function CataloguePage() {
  const { t } = useTranslation('catalogue');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'calendar' ? 'calendar' : 'catalogue';
  return (
    <div className="gg-page">
      <Card title={t('title')}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'catalogue', label: t('tabs.catalogue'), children: <CatalogueTab /> },
            { key: 'calendar', label: t('tabs.calendar'), children: <CalendarTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
