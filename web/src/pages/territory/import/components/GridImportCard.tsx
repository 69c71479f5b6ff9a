import { useState } from 'react';
import { Card, Flex } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../../lib/errors';
import { importGrids, rejectedResult, type GridImportResult } from '../api';
import { ImportDrop, ImportSummary, type Outcome } from './ImportSummary';
import { ProblemsTable } from './ProblemsTable';

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
          <ProblemsTable problems={r.problems} />
        )}
      </Flex>
    </Card>
  );
}
