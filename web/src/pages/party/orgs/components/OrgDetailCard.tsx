import { useState } from 'react';
import { Button, Descriptions, Flex, Rate, Skeleton, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  MEMBER_CLASSES, MEMBER_CLASS_LABELS, MEMBER_UNIT_KIND_LABELS, ORG_RATINGS, ORG_RATING_LABELS, ORG_TYPE_LABELS, SECRETARY_GRADE_LABELS,
} from '@gridgov/common';
import { useCan } from '../../../../auth/useMe';
import { QueryError } from '../../../../components/QueryError';
import { fetchOrg, partyKeys } from '../../api';
import { useLabel } from '../../labels';
import { OrgEditModal } from './OrgEditModal';
import { MemberUnitModal } from './MemberUnitModal';

// Member units join the big committees (大工委, 大党委) and industry committees.
const TAKES_MEMBER_UNITS = ['big_working_committee', 'big_party_committee', 'industry_committee', 'industry_chain_committee'];

/** One organisation: what it covers, secretary and committee, grading and rating, member units, sub-organisations. */
export function OrgDetailCard({ orgId, onOpen }: { orgId: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation('party');
  const can = useCan();
  const typeLabel = useLabel(ORG_TYPE_LABELS);
  const gradeLabel = useLabel(SECRETARY_GRADE_LABELS);
  const ratingLabel = useLabel(ORG_RATING_LABELS);
  const unitKindLabel = useLabel(MEMBER_UNIT_KIND_LABELS);
  const classLabel = useLabel(MEMBER_CLASS_LABELS);
  const [editing, setEditing] = useState(false);
  const [addingUnit, setAddingUnit] = useState(false);
  const q = useQuery({ queryKey: partyKeys.org(orgId), queryFn: ({ signal }) => fetchOrg(orgId, signal) });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const o = q.data;
  const stars = o.rating ? ORG_RATINGS.length - ORG_RATINGS.indexOf(o.rating) : 0;

  return (
    <Flex vertical gap={16} data-testid="party-org-detail">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>{o.name} <Tag color="red">{typeLabel(o.type)}</Tag></Typography.Title>
        {can('party.write') && (
          <Flex gap={8} wrap>
            {TAKES_MEMBER_UNITS.includes(o.type) && <Button icon={<PlusOutlined />} onClick={() => setAddingUnit(true)}>{t('orgs.addMemberUnit')}</Button>}
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="party-org-edit">{t('orgs.edit')}</Button>
          </Flex>
        )}
      </Flex>
      <Descriptions styles={{ label: { whiteSpace: 'nowrap' } }} size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('orgs.code')}>{o.code}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.covers')}>
          {o.covers === 'industry' ? o.industry : o.unitId ? <Link to={`/units/${o.unitId}`}>{o.unitName ?? o.unitId}</Link> : (o.unitName ?? '—')}
          {' '}<Tag>{t(`orgs.cover.${o.covers}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('orgs.secretary')}>{o.secretaryName ?? <Typography.Text type="warning">{t('orgs.noSecretary')}</Typography.Text>}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.grade')}>{o.secretaryGrade ? gradeLabel(o.secretaryGrade) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.rating')}>{o.rating ? <><Rate disabled count={5} value={stars} style={{ fontSize: 14 }} /> {ratingLabel(o.rating)}</> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.members')}>{o.memberCount}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.byClass')} span={2}>
          <Flex gap={4} wrap>{MEMBER_CLASSES.map((c) => <Tag key={c}>{classLabel(c)} {o.membersByClass[c]}</Tag>)}</Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('orgs.committee')} span={2}>
          {o.committee.length ? <Flex gap={4} wrap>{o.committee.map((c) => <Tag key={`${c.role}-${c.name}`}>{c.role}：{c.name}</Tag>)}</Flex> : '—'}
        </Descriptions.Item>
      </Descriptions>
      {o.memberUnits.length > 0 && (
        <div>
          <Typography.Title level={5}>{t('orgs.memberUnits')} ({o.memberUnits.length})</Typography.Title>
          <Table size="small" rowKey="id" className="gg-hscroll" dataSource={o.memberUnits} pagination={{ pageSize: 8, hideOnSinglePage: true }}
            columns={[
              { title: t('orgs.unitName'), dataIndex: 'name', width: 200 },
              { title: t('orgs.unitKind'), dataIndex: 'kind', width: 110, render: (k: string) => unitKindLabel(k) },
              { title: t('orgs.contact'), dataIndex: 'contact', width: 120, render: (v: string | null) => v ?? '—' },
              { title: t('orgs.joinedOn'), dataIndex: 'joinedOn', width: 110, render: (v: string | null) => v ?? '—' },
            ]} />
        </div>
      )}
      {o.children.length > 0 && (
        <div>
          <Typography.Title level={5}>{t('orgs.children')} ({o.children.length})</Typography.Title>
          <Table size="small" rowKey="id" className="gg-hscroll" dataSource={o.children} pagination={{ pageSize: 10, hideOnSinglePage: true }}
            onRow={(c) => ({ onClick: () => onOpen(c.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('orgs.name'), dataIndex: 'name', width: 200, render: (v: string) => <Typography.Link>{v}</Typography.Link> },
              { title: t('orgs.type'), dataIndex: 'type', width: 110, render: (v: string) => typeLabel(v) },
              { title: t('orgs.secretary'), dataIndex: 'secretaryName', width: 100, render: (v: string | null) => v ?? '—' },
              { title: t('orgs.members'), dataIndex: 'memberCount', width: 80 },
            ]} />
        </div>
      )}
      {editing && <OrgEditModal org={o} onClose={() => setEditing(false)} />}
      {addingUnit && <MemberUnitModal orgId={o.id} onClose={() => setAddingUnit(false)} />}
    </Flex>
  );
}
