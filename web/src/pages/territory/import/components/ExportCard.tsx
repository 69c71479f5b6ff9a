import { useState } from 'react';
import { Button, Card, Flex, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { UnitTreeSelect } from '../../../../components/UnitTreeSelect';
import { exportUrl } from '../api';

/** GeoJSON / Excel export of the grids under a unit (or the whole scope); the workbook is the attribute template. */
export function ExportCard() {
  const { t } = useTranslation('territory');
  const [unitId, setUnitId] = useState<string | undefined>();
  return (
    <Card title={t('import.exportTitle')}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('import.exportHint')}</Typography.Text>
        <UnitTreeSelect value={unitId} onChange={setUnitId} placeholder={t('import.exportAll')} style={{ width: '100%' }} data-testid="export-unit" />
        <Flex gap={8} wrap>
          <Button icon={<DownloadOutlined />} href={exportUrl('geojson', unitId)} download data-testid="export-geojson">GeoJSON</Button>
          <Button icon={<DownloadOutlined />} href={exportUrl('xlsx', unitId)} download data-testid="export-xlsx">Excel (.xlsx)</Button>
        </Flex>
      </Flex>
    </Card>
  );
}
