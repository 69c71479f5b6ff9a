import { useMemo, useState } from 'react';
import { Card, Checkbox, Col, Empty, Flex, Input, Row, Spin, Tag, Tree } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/QueryError';
import type { CategoryNode } from '../../cases/shared/useCatalogue';
import { useDeadlineClassLabel } from '../../cases/shared/labels';
import { adminKeys, fetchCatalogueAll } from '../api';
import { CategoryForm } from './CategoryForm';

/** Category tree on the left (search, retired on demand), the chosen category's settings on the right. */
export function CatalogueTab() {
  const { t, i18n } = useTranslation('catalogue');
  const cls = useDeadlineClassLabel();
  const en = i18n.language === 'en-US';
  const [q, setQ] = useState('');
  const [showRetired, setShowRetired] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const data = useQuery({ queryKey: adminKeys.catalogue, queryFn: ({ signal }) => fetchCatalogueAll(signal) });

  const { byCode, deptKeys } = useMemo(() => {
    const m = new Map<string, CategoryNode>();
    const keys = new Set<string>();
    const walk = (ns: CategoryNode[]) => ns.forEach((n) => {
      m.set(n.code, n);
      if (n.leadDepartment) keys.add(n.leadDepartment);
      n.assistDepartments?.forEach((k) => keys.add(k));
      if (n.children) walk(n.children);
    });
    walk(data.data ?? []);
    return { byCode: m, deptKeys: [...keys].sort() };
  }, [data.data]);

  const treeData = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const hit = (n: CategoryNode) => !needle || n.code.toLowerCase().includes(needle) || n.name.includes(q.trim()) || n.nameEn.toLowerCase().includes(needle);
    const title = (n: CategoryNode) => (
      <Flex gap={4} align="center" wrap style={{ opacity: n.active === false ? 0.5 : 1 }}>
        <span>{en ? n.nameEn : n.name}</span>
        {n.kind !== 'group' && <Tag style={{ marginInlineEnd: 0 }}>{cls(n.deadlineClass)}</Tag>}
        {n.urgent && <Tag color="red" style={{ marginInlineEnd: 0 }}>!</Tag>}
        {n.active === false && <Tag style={{ marginInlineEnd: 0 }}>{t('retired')}</Tag>}
      </Flex>
    );
    return (data.data ?? [])
      .filter((g) => showRetired || g.active !== false)
      .map((g) => {
        const kids = (g.children ?? []).filter((c) => (showRetired || c.active !== false) && (hit(g) || hit(c)));
        return { key: g.code, title: title(g), children: kids.map((c) => ({ key: c.code, title: title(c), isLeaf: true })), show: hit(g) || kids.length > 0 };
      })
      .filter((g) => g.show)
      .map(({ show: _s, ...g }) => g);
  }, [data.data, q, showRetired, en, cls, t]);

  if (data.isPending) return <Spin style={{ display: 'block', margin: 40 }} />;
  if (data.isError) return <QueryError error={data.error} onRetry={() => void data.refetch()} />;
  const node = selected ? byCode.get(selected) : undefined;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={9}>
        <Card size="small">
          <Flex vertical gap={8}>
            <Input.Search allowClear placeholder={t('search')} onChange={(e) => setQ(e.target.value)} />
            <Checkbox checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)}>{t('showRetired')}</Checkbox>
            <div style={{ maxHeight: 620, overflow: 'auto' }} className="gg-tree">
              <Tree
                data-testid="catalogue-tree"
                treeData={treeData}
                // rc-tree treats a present-but-undefined expandedKeys as controlled: always pass a list.
                expandedKeys={q.trim() ? treeData.map((g) => g.key) : expanded}
                onExpand={(keys) => setExpanded(keys as string[])}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => setSelected((keys[0] as string) ?? null)}
              />
            </div>
          </Flex>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {node ? <CategoryForm key={node.code} node={node} deptKeys={deptKeys} /> : <Card size="small"><Empty description={t('pick')} /></Card>}
      </Col>
    </Row>
  );
}
