import { Tag } from 'antd';
import {
  AppstoreOutlined, BankOutlined, BorderInnerOutlined, ClusterOutlined, FlagOutlined, GlobalOutlined, HomeOutlined, TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useEnumLabel } from '../lib/labels';

const KIND_COLOR: Record<string, string> = {
  province: 'magenta', city: 'volcano', district: 'orange', town: 'gold', community: 'green',
  villager_group: 'cyan', grid: 'blue', cell: 'geekblue',
};

const KIND_ICON: Record<string, ReactNode> = {
  province: <GlobalOutlined />, city: <BankOutlined />, district: <BankOutlined />, town: <ClusterOutlined />,
  community: <HomeOutlined />, villager_group: <TeamOutlined />, grid: <AppstoreOutlined />, cell: <BorderInnerOutlined />,
};

export function kindIcon(kind: string, gridKind?: string | null): ReactNode {
  if (kind === 'grid' && gridKind === 'dedicated') return <FlagOutlined />;
  return KIND_ICON[kind] ?? <AppstoreOutlined />;
}

interface KindTagProps {
  kind: string;
  subkind?: string | null;
  gridKind?: string | null;
}

/** 村 / 社区 / 街道 / 专属网格 …: the most specific label the unit has. */
export function KindTag({ kind, subkind, gridKind }: KindTagProps) {
  const label = useEnumLabel();
  let text = label('kind', kind);
  if (kind === 'grid' && gridKind) text = label('gridKind', gridKind);
  else if (subkind) text = label('subkind', subkind);
  const color = kind === 'grid' && gridKind === 'dedicated' ? 'purple' : (KIND_COLOR[kind] ?? 'default');
  return <Tag color={color} style={{ marginInlineEnd: 0 }}>{text}</Tag>;
}
