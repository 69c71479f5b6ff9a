import { useCallback, useEffect, useState } from 'react';
import { Tree, type TreeDataNode } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { kindIcon } from '../../../../components/KindTag';
import type { UnitItem } from '../../types';
import { fetchChildren, unitKeys } from '../api';
import { UnitTitle } from './UnitTitle';

interface Node extends TreeDataNode {
  key: string;
  unit: UnitItem;
  children?: Node[];
}

const toNode = (u: UnitItem, showCode: boolean): Node => ({
  key: u.id,
  unit: u,
  title: <UnitTitle unit={u} showCode={showCode} />,
  icon: kindIcon(u.kind, u.gridKind),
  isLeaf: u.childCount === 0,
});

function attach(nodes: Node[], key: string, children: Node[]): Node[] {
  return nodes.map((n) => {
    if (n.key === key) return { ...n, children };
    if (n.children) return { ...n, children: attach(n.children, key, children) };
    return n;
  });
}

interface Props {
  roots: UnitItem[];
  onOpen: (unit: UnitItem) => void;
  showCode: boolean;
}

/** Territory tree loading each level on expand; the roots (the user's own units) open on arrival. */
export function LazyUnitTree({ roots, onOpen, showCode }: Props) {
  const qc = useQueryClient();
  const [nodes, setNodes] = useState<Node[]>(() => roots.map((u) => toNode(u, showCode)));
  const [expanded, setExpanded] = useState<string[]>([]);
  const [loaded, setLoaded] = useState<string[]>([]);

  const load = useCallback(async (key: string) => {
    const items = await qc.fetchQuery({ queryKey: unitKeys.children(key), queryFn: ({ signal }) => fetchChildren(key, signal) });
    setNodes((prev) => attach(prev, key, items.map((u) => toNode(u, showCode))));
    setLoaded((prev) => (prev.includes(key) ? prev : [...prev, key]));
  }, [qc, showCode]);

  useEffect(() => {
    setNodes(roots.map((u) => toNode(u, showCode)));
    setLoaded([]);
    // A single root (a district, a community) is opened so the user sees its contents at once.
    const open = roots.length <= 3 ? roots.filter((r) => r.childCount > 0).map((r) => r.id) : [];
    setExpanded(open);
    open.forEach((id) => void load(id));
  }, [roots, showCode, load]);

  return (
    <Tree<Node>
      data-testid="territory-tree"
      className="gg-tree"
      showIcon
      blockNode
      treeData={nodes}
      expandedKeys={expanded}
      loadedKeys={loaded}
      onExpand={(keys) => setExpanded(keys as string[])}
      loadData={(node) => load(node.key)}
      onSelect={(_keys, info) => onOpen(info.node.unit)}
      selectedKeys={[]}
    />
  );
}
