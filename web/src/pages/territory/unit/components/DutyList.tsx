import { Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Duty, GridType } from '../../types';

/** 网格工作清单 of the grid's type, and its 准入 (admission) list. */
export function DutyList({ gridType }: { gridType: GridType | null }) {
  const { t, i18n } = useTranslation('territory');
  const en = i18n.language === 'en-US';
  if (!gridType) return <Empty description={t('duties.noType')} />;
  const freq = (f: string) => t(`duties.freq.${f}` as 'duties.freq.daily', { defaultValue: f });
  return (
    <Flex vertical gap={16}>
      <Table<Duty>
        data-testid="duty-list"
        size="small"
        rowKey="code"
        dataSource={gridType.duties}
        pagination={gridType.duties.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: t('duties.none') }}
        className="gg-hscroll"
        columns={[
          { title: t('duties.code'), key: 'no', width: 64, render: (_, _d, i) => i + 1 },
          { title: t('duties.duty'), key: 'duty', render: (_, d) => (en ? d.en || d.zh : d.zh) },
          { title: t('duties.frequency'), dataIndex: 'frequency', width: 120, render: (f: string) => <Tag>{freq(f)}</Tag> },
        ]}
      />
      {gridType.admission.length > 0 && (
        <div>
          <Typography.Text strong>{t('tabs.admission')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('duties.admissionHint')}</Typography.Paragraph>
          <Flex gap={6} wrap>{gridType.admission.map((a) => <Tag key={a}>{a}</Tag>)}</Flex>
        </div>
      )}
    </Flex>
  );
}
