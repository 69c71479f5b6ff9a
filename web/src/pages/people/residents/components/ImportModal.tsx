import { useState } from 'react';
import { Alert, Flex, Modal, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PERSON_IMPORT_HEADERS, type ImportResult } from '@gridgov/common';
import { ApiError } from '../../../../api/client';
import { useErrorText } from '../../../../lib/errors';
import { importPersons } from '../api';

type Outcome = { ok: boolean; result: ImportResult | null; message?: string };

/** Excel import: one .xlsx; either every row is written or none, with each bad row named. */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('residents');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const upload = useMutation({
    mutationFn: importPersons,
    onSuccess: (result) => {
      setOutcome({ ok: true, result });
      void qc.invalidateQueries({ queryKey: ['people'] });
    },
    onError: (e) => {
      // A rejected import answers 422 with the counts and row errors beside the error envelope.
      const body = e instanceof ApiError ? (e.body as Partial<ImportResult> | undefined) : undefined;
      const result = body && Array.isArray(body.errors) ? (body as ImportResult) : null;
      setOutcome({ ok: false, result, message: errorText(e) });
    },
  });
  const close = () => {
    setOutcome(null);
    upload.reset();
    onClose();
  };
  const r = outcome?.result;

  return (
    <Modal open={open} title={t('importModal.title')} onCancel={close} footer={null} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('importModal.hint')}</Typography.Paragraph>
      <Flex gap={4} wrap style={{ marginBottom: 12 }}>{PERSON_IMPORT_HEADERS.map((h) => <Tag key={h}>{h}</Tag>)}</Flex>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        beforeUpload={(file) => {
          setOutcome(null);
          upload.mutate(file);
          return false;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{upload.isPending ? t('importModal.uploading') : t('importModal.drop')}</p>
      </Upload.Dragger>
      {outcome && (
        <Flex vertical gap={12} style={{ marginTop: 16 }} data-testid="import-result">
          <Alert type={outcome.ok ? 'success' : 'error'} showIcon title={outcome.ok ? t('importModal.ok') : t('importModal.failed')} description={outcome.ok ? undefined : outcome.message} />
          {r && (
            <Flex gap={32}>
              <Statistic title={t('importModal.read')} value={r.read} />
              <Statistic title={t('importModal.written')} value={r.written} />
              <Statistic title={t('importModal.rejected')} value={r.rejected} styles={{ content: r.rejected ? { color: '#cf1322' } : undefined }} />
            </Flex>
          )}
          {r && r.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
              dataSource={r.errors}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                { title: t('importModal.row'), dataIndex: 'row', width: 70 },
                { title: t('importModal.field'), dataIndex: 'field', width: 140 },
                { title: t('importModal.message'), dataIndex: 'message' },
              ]}
            />
          )}
        </Flex>
      )}
    </Modal>
  );
}
