import { useEffect, useState } from 'react';
import { Descriptions, Drawer, Flex, Grid, Spin, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { GENDER_LABELS, RELATION_LABELS, type RelationToHead } from '@gridgov/common';
import { useCan } from '../../../../auth/useMe';
import { QueryError } from '../../../../components/QueryError';
import { usePick } from '../../../../lib/commonLabels';
import { fetchPerson, residentKeys } from '../api';
import { CategoryTag, PersonTags } from './personLabels';
import { UnmaskButton } from './UnmaskButton';

const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };

/** Person detail with household; full ID/phone only after an explicit, audited unmask. */
export function PersonDrawer({ personId, onClose }: { personId: string | null; onClose: () => void }) {
  const { t } = useTranslation('residents');
  const pick = usePick();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const [full, setFull] = useState<{ idNumber: string | null; phone: string | null } | null>(null);
  useEffect(() => setFull(null), [personId]);
  const q = useQuery({
    queryKey: residentKeys.detail(personId ?? ''),
    queryFn: ({ signal }) => fetchPerson(personId!, signal),
    enabled: Boolean(personId),
  });
  const p = q.data;
  const relation = (r: string | null) => pick(RELATION_LABELS, r as RelationToHead | null);

  return (
    <Drawer
      open={Boolean(personId)}
      onClose={() => { setFull(null); onClose(); }}
      title={p ? `${t('detail.title')} · ${p.name}` : t('detail.title')}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      data-testid="person-drawer"
    >
      {q.isPending && <Spin />}
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {p && (
        <Flex vertical gap={16}>
          {can('residents.unmask') && <UnmaskButton personId={p.id} shown={Boolean(full)} onShown={setFull} />}
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
            <Descriptions.Item label={t('col.name')}>{p.name}</Descriptions.Item>
            <Descriptions.Item label={t('col.gender')}>{pick(GENDER_LABELS, p.gender)}</Descriptions.Item>
            <Descriptions.Item label={t('detail.birthDate')}>{p.birthDate ?? '—'}{p.age != null ? ` (${p.age})` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('detail.ethnicity')}>{p.ethnicity ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('col.idNumber')} span={2}>
              <span style={mono} data-testid="person-id-number">{full?.idNumber ?? p.idNumber ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('col.phone')} span={2}>
              <span style={mono} data-testid="person-phone">{full?.phone ?? p.phone ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('col.category')}><CategoryTag category={p.category} /></Descriptions.Item>
            <Descriptions.Item label={t('detail.relationToHead')}>{relation(p.relationToHead) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('col.tags')} span={2}>{p.tags.length ? <PersonTags tags={p.tags} /> : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('col.overseas')} span={2}>
              {p.overseasChineseFamily && <Tag color="gold">{t('overseasChineseFamily')}</Tag>}
              {p.overseasRelatives ?? (p.overseasChineseFamily ? '' : '—')}
            </Descriptions.Item>
            <Descriptions.Item label={t('col.address')} span={2}>{p.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('col.grid')} span={2}>
              {p.gridId ? <Link to={`/units/${p.gridId}`}>{p.gridName ?? p.gridId}</Link> : '—'}
            </Descriptions.Item>
            {p.note && <Descriptions.Item label={t('detail.note')} span={2}>{p.note}</Descriptions.Item>}
            <Descriptions.Item label={t('detail.updatedAt')} span={2}>{dayjs(p.updatedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          </Descriptions>
          {p.household && (
            <div>
              <Typography.Title level={5}>{t('detail.household')}</Typography.Title>
              <Typography.Paragraph type="secondary">
                {t('detail.householdAddress')}: {p.household.address}
                {p.household.buildingName ? ` · ${t('detail.building')}: ${p.household.buildingName}` : ''}
              </Typography.Paragraph>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={p.household.members}
                className="gg-hscroll"
                columns={[
                  { title: t('col.name'), dataIndex: 'name', render: (n: string, m) => (m.id === p.id ? <Typography.Text strong>{n}</Typography.Text> : n) },
                  { title: t('detail.relationToHead'), dataIndex: 'relationToHead', render: (r: string | null) => relation(r) || '—' },
                  { title: t('col.gender'), dataIndex: 'gender', render: (g: 'male' | 'female' | null) => pick(GENDER_LABELS, g) },
                  { title: t('col.age'), dataIndex: 'age', render: (a: number | null) => a ?? '—' },
                  { title: t('col.tags'), dataIndex: 'tags', render: (tags: string[]) => <PersonTags tags={tags} /> },
                ]}
              />
            </div>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
