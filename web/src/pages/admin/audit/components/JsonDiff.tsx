import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Row = { key: string; before: unknown; after: unknown; changed: boolean };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2));

/** Field-by-field before/after of an audit event; changed fields are highlighted, unchanged ones kept for context. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation('audit');
  if (before == null && after == null) return <Typography.Text type="secondary">{t('diff.none')}</Typography.Text>;
  let rows: Row[];
  if ((isObject(before) || before == null) && (isObject(after) || after == null)) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    rows = keys.map((k) => ({ key: k, before: b[k], after: a[k], changed: JSON.stringify(b[k]) !== JSON.stringify(a[k]) }));
  } else {
    rows = [{ key: '—', before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
  }
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      data-testid="audit-diff"
      columns={[
        { title: t('diff.field'), dataIndex: 'key', width: 180, render: (k: string, r) => (r.changed ? <Typography.Text strong>{k}</Typography.Text> : k) },
        {
          title: t('diff.before'), dataIndex: 'before',
          onCell: (r) => ({ className: r.changed && r.before !== undefined ? 'gg-diff-removed' : undefined }),
          render: (v: unknown) => <pre className="gg-json">{show(v)}</pre>,
        },
        {
          title: t('diff.after'), dataIndex: 'after',
          onCell: (r) => ({ className: r.changed && r.after !== undefined ? 'gg-diff-added' : undefined }),
          render: (v: unknown) => <pre className="gg-json">{show(v)}</pre>,
        },
      ]}
    />
  );
}
