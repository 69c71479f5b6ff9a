import { useState } from 'react';
import { Card, Flex, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../../lib/errors';
import { importAttributes, rejectedResult, type AttributeImportResult } from '../api';
import { ImportDrop, ImportSummary, type Outcome } from './ImportSummary';

type RowError = AttributeImportResult['errors'][number];

/** Grid attributes (name, type, profile …) from the workbook the export produces; each bad cell is named. */
export function AttributeImportCard() {
  const { t } = useTranslation('territory');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [dryRun, setDryRun] = useState(false);
  const [fileName, setFileName] = useState('');
  const [outcome, setOutcome] = useState<Outcome<AttributeImportResult> | null>(null);
  const run = useMutation({
    mutationFn: (file: File) => importAttributes(file, dryRun),
    onSuccess: (result) => {
      setOutcome({ ok: true, result });
      if (!result.dryRun) void qc.invalidateQueries({ queryKey: ['territory'] });
    },
    onError: (e) => setOutcome({ ok: false, result: rejectedResult<AttributeImportResult>(e, 'errors'), message: errorText(e) }),
  });
  const r = outcome?.result;

  return (
    <Card title={t('import.attributesTitle')}>
      <Flex vertical gap={16}>
        <ImportDrop
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          pending={run.isPending}
          dryRun={dryRun}
          onDryRun={setDryRun}
          onFile={(f) => { setFileName(f.name); setOutcome(null); run.mutate(f); }}
          testId="import-attributes-upload"
          hint={t('import.attributesHint')}
        />
        {outcome && <ImportSummary outcome={outcome} fileName={fileName} />}
        {r && r.ignoredColumns.length > 0 && (
          <Flex gap={4} wrap align="center">
            <Typography.Text type="secondary">{t('import.ignoredColumns')}</Typography.Text>
            {r.ignoredColumns.map((c) => <Tag key={c}>{c}</Tag>)}
          </Flex>
        )}
        {r && r.errors.length > 0 && (
          <Table<RowError>
            size="small"
            data-testid="import-row-errors"
            rowKey={(e, i) => `${e.row}-${e.field}-${i}`}
            dataSource={r.errors}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 56 },
              { title: t('import.field'), dataIndex: 'field', width: 110 },
              { title: t('import.message'), dataIndex: 'message', render: (m: string) => <span style={{ wordBreak: 'break-word' }}>{m}</span> },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}
