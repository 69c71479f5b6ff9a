import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../api/client';

/** A node of GET /api/catalogue (groups have children; cases take leaf codes). */
export interface CategoryNode {
  code: string;
  name: string;
  nameEn: string;
  kind?: 'group' | 'leaf';
  deadlineClass?: string;
  lowestLevel?: string;
  urgent?: boolean;
  dispute?: boolean;
  defaultRisk?: string;
  leadDepartment?: string | null;
  assistDepartments?: string[];
  requiredFields?: { key: string; zh: string; en: string; type: string }[];
  guidance?: { channels: string[]; zh: string; en: string } | null;
  active?: boolean;
  sort?: number;
  children?: CategoryNode[];
}

export const catalogueKey = ['catalogue'] as const;

export function useCatalogue() {
  const q = useQuery({
    queryKey: catalogueKey,
    queryFn: ({ signal }) => get<{ categories: CategoryNode[] }>('/catalogue', undefined, signal).then((r) => r.categories),
    staleTime: 10 * 60_000,
  });
  const byCode = useMemo(() => {
    const m = new Map<string, CategoryNode>();
    const walk = (ns: CategoryNode[]) => ns.forEach((n) => { m.set(n.code, n); if (n.children) walk(n.children); });
    if (q.data) walk(q.data);
    return m;
  }, [q.data]);
  return { ...q, byCode };
}

export const isLeaf = (n: CategoryNode) => (n.kind ? n.kind === 'leaf' : !n.children?.length);

/** Category tree for antd TreeSelect; groups are not selectable when `leavesOnly`. */
export function useCategoryTreeData(leavesOnly: boolean) {
  const { i18n } = useTranslation();
  const { data, byCode, isPending } = useCatalogue();
  const en = i18n.language === 'en-US';
  const treeData = useMemo(() => {
    const map = (ns: CategoryNode[]): object[] => ns.map((n) => ({
      value: n.code,
      title: `${en ? n.nameEn || n.name : n.name}`,
      selectable: leavesOnly ? isLeaf(n) : true,
      children: n.children?.length ? map(n.children) : undefined,
    }));
    return data ? map(data) : [];
  }, [data, en, leavesOnly]);
  const name = (code: string | null | undefined) => {
    if (!code) return '';
    const n = byCode.get(code);
    return n ? (en ? n.nameEn || n.name : n.name) : code;
  };
  return { treeData, byCode, name, isPending };
}
