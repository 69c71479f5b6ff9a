import { Alert, Flex, Statistic, Switch, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export type Outcome<T> = { ok: boolean; result: T | null; message?: string };

interface DropProps {
  accept: string;
  pending: boolean;
  dryRun: boolean;
  onDryRun: (v: boolean) => void;
  onFile: (f: File) => void;
  testId: string;
  hint: string;
}

/** The drop zone and the 仅校验 switch, shared by both imports. */
export function ImportDrop({ accept, pending, dryRun, onDryRun, onFile, testId, hint }: DropProps) {
  const { t } = useTranslation('territory');
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={8}>
        <Switch checked={dryRun} onChange={onDryRun} disabled={pending} data-testid={`${testId}-dry-run`} />
        <Typography.Text>{t('import.dryRun')}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('import.dryRunHint')}</Typography.Text>
      </Flex>
      <div data-testid={testId}>
      <Upload.Dragger
        accept={accept}
        multiple={false}
        showUploadList={false}
        disabled={pending}
        beforeUpload={(file) => {
          onFile(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{pending ? t('import.uploading') : t('import.drop')}</p>
        <p className="ant-upload-hint">{hint}</p>
      </Upload.Dragger>
      </div>
    </Flex>
  );
}

interface SummaryProps {
  outcome: Outcome<{ read: number; written: number; rejected: number; unchanged: number; dryRun: boolean }>;
  fileName: string;
  extra?: { key: string; title: string; value: number | string }[];
}

/** Outcome banner and counts: rows read / written / rejected / unchanged (+ the import's own figures). */
export function ImportSummary({ outcome, fileName, extra = [] }: SummaryProps) {
  const { t } = useTranslation('territory');
  const r = outcome.result;
  const title = !outcome.ok ? t('import.failed', { file: fileName })
    : r?.dryRun ? t('import.validated', { file: fileName }) : t('import.done', { file: fileName });
  // A rejected import wrote nothing; say so, since the counts alone could suggest otherwise.
  const description = !outcome.ok
    ? <>{outcome.message}{r && <div><Typography.Text strong>{t('import.nothingWritten')}</Typography.Text></div>}</>
    : r?.dryRun ? t('import.dryRunDone') : undefined;
  const stats = r ? [
    { key: 'read', title: t('import.read'), value: r.read },
    { key: 'written', title: r.dryRun ? t('import.wouldWrite') : t('import.written'), value: r.written },
    { key: 'rejected', title: t('import.rejected'), value: r.rejected },
    { key: 'unchanged', title: t('import.unchanged'), value: r.unchanged },
    ...extra,
  ] : [];
  return (
    <Flex vertical gap={12} data-testid="import-summary">
      <Alert type={outcome.ok ? 'success' : 'error'} showIcon title={title} description={description} />
      {stats.length > 0 && (
        <Flex gap={24} wrap>
          {stats.map((s) => (
            <Statistic
              key={s.key}
              title={s.title}
              value={s.value}
              styles={{ content: { fontSize: 20, ...(s.key === 'rejected' && r?.rejected ? { color: '#cf1322' } : {}) } }}
            />
          ))}
        </Flex>
      )}
    </Flex>
  );
}
