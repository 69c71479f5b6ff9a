import { Alert, Flex, Tag } from 'antd';
import { FireFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CategoryNode } from '../../shared/useCatalogue';
import { useDeadlineClassLabel } from '../../shared/labels';

/** What the chosen category means for this matter: urgency, deadline, who may close it, channel guidance. */
export function CategoryHint({ cat, channel }: { cat: CategoryNode; channel?: string }) {
  const { t, i18n } = useTranslation('cases');
  const cls = useDeadlineClassLabel();
  const en = i18n.language === 'en-US';
  const guidanceHere = cat.guidance && (!channel || cat.guidance.channels.includes(channel));
  return (
    <Flex vertical gap={6} data-testid="category-hint">
      <Flex wrap gap={6}>
        {cat.urgent && <Tag color="red" icon={<FireFilled />} data-testid="category-urgent">{t('intake.urgent')}</Tag>}
        {cat.dispute && <Tag color="gold">{t('intake.dispute')}</Tag>}
        {cat.deadlineClass && <Tag color="blue">{t('intake.deadline', { d: cls(cat.deadlineClass) })}</Tag>}
        {cat.lowestLevel && <Tag>{t('intake.lowestLevel', { l: t(`intake.levels.${cat.lowestLevel}` as 'intake.levels.grid', { defaultValue: cat.lowestLevel }) })}</Tag>}
      </Flex>
      {cat.guidance && (
        <Alert
          type={guidanceHere ? 'warning' : 'info'}
          showIcon
          title={t('intake.guidance')}
          description={en ? cat.guidance.en : cat.guidance.zh}
          data-testid="category-guidance"
        />
      )}
    </Flex>
  );
}
