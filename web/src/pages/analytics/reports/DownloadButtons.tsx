import { Button, Space } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { reportFileUrl, type ReportKind } from '../api';

/** Excel and PDF of a report: plain links (the browser downloads with the session cookie, nothing held in memory). */
export function DownloadButtons({ kind, unitId, period }: { kind: ReportKind; unitId: string; period: string }) {
  const { t } = useTranslation('analytics');
  return (
    <Space wrap>
      <Button icon={<FileExcelOutlined />} href={reportFileUrl(kind, unitId, period, 'xlsx')} download data-testid={`report-${kind}-xlsx`}>
        {t('reports.downloadXlsx')}
      </Button>
      <Button icon={<FilePdfOutlined />} href={reportFileUrl(kind, unitId, period, 'pdf')} download data-testid={`report-${kind}-pdf`}>
        {t('reports.downloadPdf')}
      </Button>
    </Space>
  );
}
