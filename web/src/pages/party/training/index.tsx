import { useState } from 'react';
import { Card, DatePicker, Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useScopeUnit } from '../useScope';
import { CoverageTab } from './components/CoverageTab';
import { SessionsTab } from './components/SessionsTab';
import { CoursesTab } from './components/CoursesTab';

/** 教育培训: every member trained every year — coverage per organisation, who is still untrained, courses, sessions. */
export default function PartyTrainingPage() {
  const { t } = useTranslation('party');
  const [unitId] = useScopeUnit();
  const [year, setYear] = useState(dayjs().year());
  return (
    <div className="gg-page">
      <Card>
        <Tabs
          tabBarExtraContent={(
            <Flex gap={6} align="center">
              <Typography.Text type="secondary">{t('training.year')}</Typography.Text>
              <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} style={{ width: 100 }} />
            </Flex>
          )}
          items={[
            { key: 'coverage', label: t('training.tabCoverage'), children: <CoverageTab unitId={unitId} year={year} /> },
            { key: 'sessions', label: t('training.tabSessions'), children: <SessionsTab unitId={unitId} /> },
            { key: 'courses', label: t('training.tabCourses'), children: <CoursesTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
