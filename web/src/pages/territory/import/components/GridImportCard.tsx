import { useState } from 'react';
import { Card, Flex, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../../lib/errors';
import { importGrids, rejectedResult, type GridImportResult, type ImportProblem } from '../api';
import { ImportDrop, ImportSummary, type Outcome } from './ImportSummary';

/** Grid boundaries from GeoJSON or a zipped Shapefile; every problem is listed with the grids it concerns. */
export function GridImportCard() {
  const { t } = useTranslation('territory');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [dryRun, setDryRun] = useState(false);
  const [fileName, setFileName] = useState('');
  const [outcome, setOutcome] = useState<Outcome<GridImportResult> | null>(null);
  const run = useMutation({
    mutationFn: (file: File) => importGrids(file, dryRun),
    onSuccess: (result) => {
      setOutcome({ ok: true, result });
      if (!result.dryRun) void qc.invalidateQueries({ queryKey: ['territory'] });
    },
    onError: (e) => setOutcome({ ok: false, result: rejectedResult<GridImportResult>(e, 'problems'), message: errorText(e) }),
  });
  const r = outcome?.result;
  const problemLabel = (code: string) => t(`import.problem.${code}` as 'import.problem.GAP', { defaultValue: code });

  return (
    <Card title={t('import.gridsTitle')}>
      <Flex vertical gap={16}>
        <ImportDrop
          accept=".geojson,.json,.zip,application/geo+json,application/json,application/zip"
          pending={run.isPending}
          dryRun={dryRun}
          onDryRun={setDryRun}
          onFile={(f) => { setFileName(f.name); setOutcome(null); run.mutate(f); }}
          testId="import-grids-upload"
          hint={t('import.gridsHint')}
        />
        {outcome && (
          <ImportSummary
            outcome={outcome}
            fileName={fileName}
            extra={r ? [
              { key: 'created', title: t('import.created'), value: r.created },
              { key: 'updated', title: t('import.updated'), value: r.updated },
              { key: 'crs', title: t('import.crs'), value: r.crs || '—' },
            ] : []}
          />
        )}
        {r && r.problems.length > 0 && (
          <Table<ImportProblem>
            className="gg-hscroll"
            size="small"
            data-testid="import-problems"
            rowKey={(p, i) => `${p.code}-${p.gridCodes.join(',')}-${i}`}
            dataSource={r.problems}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              {
                title: t('import.problemCode'), dataIndex: 'code', width: 160,
                render: (c: string) => <Flex vertical gap={2}><Tag color="error" style={{ marginInlineEnd: 0, width: 'fit-content' }}>{c}</Tag><Typography.Text type="secondary" style={{ fontSize: 12 }}>{problemLabel(c)}</Typography.Text></Flex>,
              },
              {
                title: t('import.gridCodes'), dataIndex: 'gridCodes', width: 180,
                render: (codes: string[]) => (codes.length ? <Flex vertical>{codes.map((c) => <Typography.Text key={c} code>{c}</Typography.Text>)}</Flex> : '—'),
              },
              { title: t('import.message'), dataIndex: 'message', render: (m: string) => <span style={{ display: 'inline-block', minWidth: 220 }}>{m}</span> },
              {
                title: t('import.areaM2'), dataIndex: 'areaM2', width: 110, align: 'right',
                render: (a?: number) => (a == null ? '—' : a.toLocaleString(undefined, { maximumFractionDigits: a < 10 ? 2 : 0 })),
              },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}
