import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MEMBER_CLASSES, MEMBER_CLASS_LABELS, MEMBER_STATUS_LABELS, type MemberItem } from '@gridgov/common';
import { useCan } from '../../../auth/useMe';
import { QueryError } from '../../../components/QueryError';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { fetchMembers, membersExportUrl, partyKeys } from '../api';
import { OrgSelect } from '../components/OrgSelect';
import { useLabel } from '../labels';
import { useScopeUnit } from '../useScope';
import { MemberDrawer } from './components/MemberDrawer';
import { RegisterModal } from './components/RegisterModal';
import { MemberImportModal } from './components/MemberImportModal';

const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };

/** 党员: paged list by organisation with class and home-grid filters; numbers arrive masked from the server. */
export default function PartyMembersPage() {
  const { t } = useTranslation('party');
  const { t: tc } = useTranslation();
  const can = useCan();
  const [scopeUnit] = useScopeUnit();
  const classLabel = useLabel(MEMBER_CLASS_LABELS);
  const statusLabel = useLabel(MEMBER_STATUS_LABELS);
  const [orgId, setOrgId] = useState<string>();
  const [cls, setCls] = useState<string>();
  const [grid, setGrid] = useState<string>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [openId, setOpenId] = useState<string | null>(null);
  const [registerOpen, setRegisterOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);

  const query = { orgId, unitId: scopeUnit, homeGridId: grid, class: cls, q: q || undefined, limit: page.pageSize, offset: (page.current - 1) * page.pageSize };
  const list = useQuery({ queryKey: partyKeys.members(query), queryFn: ({ signal }) => fetchMembers(query, signal), placeholderData: keepPreviousData });
  const reset = () => setPage((p) => ({ ...p, current: 1 }));

  return (
    <div className="gg-page">
      <Card
        title={t('members.title')}
        extra={(
          <Space wrap>
            {can('party.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegisterOpen(true)} data-testid="party-member-register">{t('members.register')}</Button>}
            {can('party.write') && <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="party-member-import">{t('members.import')}</Button>}
            <Button icon={<DownloadOutlined />} href={membersExportUrl({ orgId, unitId: scopeUnit })}>{t('members.export')}</Button>
          </Space>
        )}
      >
        <Flex vertical gap={12}>
          <Flex gap={8} wrap className="gg-filters">
            <OrgSelect unitId={scopeUnit} value={orgId} onChange={(v) => { setOrgId(v); reset(); }} placeholder={t('members.filterOrg')} style={{ width: 260 }} data-testid="party-member-org-filter" />
            <Select
              allowClear value={cls} onChange={(v) => { setCls(v); reset(); }} placeholder={t('members.filterClass')} style={{ width: 170 }}
              options={MEMBER_CLASSES.map((c) => ({ value: c, label: classLabel(c) }))} data-testid="party-member-class-filter"
            />
            <UnitTreeSelect value={grid} onChange={(v) => { setGrid(v); reset(); }} selectableKinds={['grid']} placeholder={t('members.filterGrid')} style={{ width: 220 }} data-testid="party-member-grid-filter" />
            <Input.Search
              allowClear placeholder={t('members.searchName')} style={{ width: 200 }} data-testid="party-member-search"
              onSearch={(v) => { setQ(v.replace(/\d/g, '').trim()); reset(); }}
            />
          </Flex>
          {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
          <Table<MemberItem>
            data-testid="party-members-table"
            rowKey="id"
            size="middle"
            className="gg-hscroll"
            loading={list.isFetching}
            dataSource={list.data?.items}
            onRow={(m) => ({ onClick: () => setOpenId(m.id), style: { cursor: 'pointer' } })}
            pagination={{
              current: page.current, pageSize: page.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
              pageSizeOptions: [20, 50, 100], showTotal: (n) => tc('state.total', { count: n }),
              onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
            }}
            columns={[
              { title: t('members.col.name'), dataIndex: 'name', width: 96, render: (n: string) => <Typography.Link>{n}</Typography.Link> },
              { title: t('members.col.class'), dataIndex: 'memberClass', width: 170, render: (c: string) => <Tag color="red">{classLabel(c)}</Tag> },
              { title: t('members.col.status'), dataIndex: 'status', width: 100, render: (s: string) => statusLabel(s) },
              { title: t('members.col.org'), dataIndex: 'orgName', width: 200, ellipsis: true },
              { title: t('members.col.grid'), dataIndex: 'homeGridName', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
              { title: t('members.col.idNumber'), dataIndex: 'idNumber', width: 190, render: (v: string | null) => <span style={mono}>{v ?? '—'}</span> },
              { title: t('members.col.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => <span style={mono}>{v ?? '—'}</span> },
              { title: t('members.col.joinedOn'), dataIndex: 'joinedOn', width: 110, render: (v: string | null) => v ?? '—' },
              { title: t('members.col.dual'), dataIndex: 'dualRegistered', width: 90, render: (v: boolean) => (v ? <Tag color="green">{tc('state.yes')}</Tag> : <Tag>{tc('state.no')}</Tag>) },
            ]}
          />
        </Flex>
      </Card>
      <MemberDrawer memberId={openId} onClose={() => setOpenId(null)} />
      <RegisterModal open={registerOpen} onClose={() => setRegisterOpen(false)} onCreated={(id) => { setRegisterOpen(false); setOpenId(id); }} />
      <MemberImportModal open={importOpen} onClose={() => setImportOpen(false)} />
    </div>
  );
}
