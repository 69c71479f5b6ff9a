import { useState } from 'react';
import { Alert, Flex, Modal, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PARTY_MEMBER_IMPORT_HEADERS } from '@gridgov/common';
import { ApiError } from '../../../../api/client';
import { usePartyErrorText as useErrorText } from '../../errors';
import { importMembers, partyKeys, type ImportResult } from '../../api';

type Outcome = { ok: boolean; result: ImportResult | null; message?: string };

/** Excel import of members: all rows or none; a rejected file lists every bad row by its row number. */
export function MemberImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('party');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const upload = useMutation({
    mutationFn: importMembers,
    onSuccess: (result) => { setOutcome({ ok: true, result }); void qc.invalidateQueries({ queryKey: partyKeys.all }); },
    onError: (e) => {
      const body = e instanceof ApiError ? (e.body as Partial<ImportResult> | undefined) : undefined;
      setOutcome({ ok: false, result: body && Array.isArray(body.errors) ? (body as ImportResult) : null, message: errorText(e) });
    },
  });
  const close = () => { setOutcome(null); upload.reset(); onClose(); };
  const r = outcome?.result;
  return (
    <Modal open={open} title={t('import.title')} onCancel={close} footer={null} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('import.hint')}</Typography.Paragraph>
      <Flex gap={4} wrap style={{ marginBottom: 12 }}>{PARTY_MEMBER_IMPORT_HEADERS.map((h) => <Tag key={h}>{h}</Tag>)}</Flex>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" multiple={false} showUploadList={false}
        disabled={upload.isPending} beforeUpload={(file) => { setOutcome(null); upload.mutate(file); return false; }} data-testid="party-import-upload"
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{upload.isPending ? t('import.uploading') : t('import.drop')}</p>
      </Upload.Dragger>
      {outcome && (
        <Flex vertical gap={12} style={{ marginTop: 16 }} data-testid="party-import-result">
          <Alert type={outcome.ok ? 'success' : 'error'} showIcon title={outcome.ok ? t('import.ok') : t('import.failed')} description={outcome.ok ? undefined : outcome.message} />
          {r && (
            <Flex gap={32} wrap>
              <Statistic title={t('import.read')} value={r.read} />
              <Statistic title={t('import.written')} value={r.written} />
              <Statistic title={t('import.personsCreated')} value={r.personsCreated} />
              <Statistic title={t('import.rejected')} value={r.rejected} styles={{ content: r.rejected ? { color: '#cf1322' } : undefined }} />
            </Flex>
          )}
          {r && r.errors.length > 0 && (
            <Table
              size="small" className="gg-hscroll" rowKey={(e) => `${e.row}-${e.field}-${e.message}`} dataSource={r.errors}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }} data-testid="party-import-errors"
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 70 },
                { title: t('import.field'), dataIndex: 'field', width: 140 },
                { title: t('import.message'), dataIndex: 'message' },
              ]}
            />
          )}
        </Flex>
      )}
    </Modal>
  );
}
