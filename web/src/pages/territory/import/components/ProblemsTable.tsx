import { Flex, Grid, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../api';

const area = (a?: number) => (a == null ? '—' : a.toLocaleString(undefined, { maximumFractionDigits: a < 10 ? 2 : 0 }));

/** Problems of a grid import: code, the grids concerned, the server's message, and the area at fault. */
export function ProblemsTable({ problems }: { problems: ImportProblem[] }) {
  const { t } = useTranslation('territory');
  const screens = Grid.useBreakpoint();
  const problemLabel = (code: string) => t(`import.problem.${code}` as 'import.problem.GAP', { defaultValue: code });
  const codeCell = (c: string) => (
    <Flex vertical gap={2}>
      <Tag color="error" style={{ marginInlineEnd: 0, width: 'fit-content' }}>{c}</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{problemLabel(c)}</Typography.Text>
    </Flex>
  );
  const gridsCell = (codes: string[]) => (codes.length ? <Flex vertical>{codes.map((c) => <Typography.Text key={c} code>{c}</Typography.Text>)}</Flex> : '—');
  const message = (m: string) => <span style={{ wordBreak: 'break-word' }}>{m}</span>;

  // A phone has no room for four columns: each problem becomes one stacked cell.
  const columns: ColumnsType<ImportProblem> = screens.sm === false
    ? [{
        title: t('import.problemCode'), key: 'all',
        render: (_, p) => (
          <Flex vertical gap={4}>
            {codeCell(p.code)}
            {p.gridCodes.length > 0 && <Flex gap={4} wrap>{p.gridCodes.map((c) => <Typography.Text key={c} code>{c}</Typography.Text>)}</Flex>}
            {message(p.message)}
            {p.areaM2 != null && <Typography.Text type="secondary">{t('import.areaM2')}: {area(p.areaM2)}</Typography.Text>}
          </Flex>
        ),
      }]
    : [
        { title: t('import.problemCode'), dataIndex: 'code', width: 160, render: codeCell },
        { title: t('import.gridCodes'), dataIndex: 'gridCodes', width: 180, render: gridsCell },
        { title: t('import.message'), dataIndex: 'message', render: message },
        { title: t('import.areaM2'), dataIndex: 'areaM2', width: 100, align: 'right', render: area },
      ];

  return (
    <Table<ImportProblem>
      size="small"
      data-testid="import-problems"
      rowKey={(p) => `${p.code}-${p.gridCodes.join(',')}-${p.feature ?? ''}-${p.message}`}
      dataSource={problems}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      columns={columns}
    />
  );
}
