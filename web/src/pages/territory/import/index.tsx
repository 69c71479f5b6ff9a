import { Alert, Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { GridImportCard } from './components/GridImportCard';
import { AttributeImportCard } from './components/AttributeImportCard';
import { ExportCard } from './components/ExportCard';

/** 边界导入: grid boundaries and attributes in, GeoJSON / Excel out. A rejected file writes nothing. */
export default function BoundaryImportPage() {
  const { t } = useTranslation('territory');
  return (
    <Flex vertical gap={16} className="gg-page" data-testid="import-page">
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>{t('import.title')}</Typography.Title>
        <Alert
          type="info"
          showIcon
          title={t('import.helpTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              <li>{t('import.helpCrs')}</li>
              <li>{t('import.helpAtomic')}</li>
              <li>{t('import.helpRedraw')}</li>
            </ul>
          }
        />
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}><GridImportCard /></Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <AttributeImportCard />
            <ExportCard />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
