import { Breadcrumb, Button, Card, Col, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { KindTag } from '../../../../components/KindTag';
import { useEnumLabel, useUnitName } from '../../../../lib/labels';
import type { UnitDetail } from '../../types';
import { UnitAdminActions } from './UnitAdminActions';

const COUNT_KEYS = ['grids', 'buildings', 'keySites', 'households', 'persons', 'staff'] as const;

/** Breadcrumb of ancestors, the unit's name, tags and headline counts. */
export function UnitHeader({ detail }: { detail: UnitDetail }) {
  const { t, i18n } = useTranslation('territory');
  const label = useEnumLabel();
  const unitName = useUnitName();
  const navigate = useNavigate();
  const { unit, ancestors, gridType, counts } = detail;
  const en = i18n.language === 'en-US';
  const isGrid = unit.kind === 'grid';
  const mapTarget = isGrid && unit.parentId ? `/map?unitId=${unit.parentId}&focus=${unit.id}` : `/map?unitId=${unit.id}`;
  const shown = COUNT_KEYS.filter((k) => !(isGrid && k === 'grids'));

  return (
    <Card>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/territory">{t('tree.title')}</Link> },
          ...ancestors.map((a) => ({ title: <Link to={`/units/${a.id}`}>{a.name}</Link> })),
          { title: unitName(unit) },
        ]}
      />
      <Flex align="center" gap={8} wrap justify="space-between">
        <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="unit-title">{unitName(unit)}</Typography.Title>
          <KindTag kind={unit.kind} subkind={unit.subkind} gridKind={unit.gridKind} />
          {gridType && <Tag color={gridType.color}>{en ? gridType.nameEn : gridType.nameZh}</Tag>}
          {unit.dedicatedType && <Tag>{label('dedicatedType', unit.dedicatedType)}</Tag>}
        </Flex>
        <Flex gap={8} wrap>
          <Button icon={<EnvironmentOutlined />} onClick={() => navigate(mapTarget)}>{t('unit.viewOnMap')}</Button>
          <UnitAdminActions detail={detail} />
        </Flex>
      </Flex>
      <Flex gap={16} wrap style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">{t('unit.code')}: <Typography.Text copyable>{unit.code}</Typography.Text></Typography.Text>
        {unit.areaM2 != null && (
          <Typography.Text type="secondary">{t('unit.area')}: {t('unit.areaKm2', { value: (unit.areaM2 / 1e6).toFixed(unit.areaM2 < 1e6 ? 3 : 2) })}</Typography.Text>
        )}
        <Typography.Text type="secondary">{t('unit.validFrom')}: {dayjs(unit.validFrom).format('YYYY-MM-DD')}</Typography.Text>
      </Flex>
      {unit.validTo && (
        <Tag color="warning" style={{ marginTop: 8 }}>{t('unit.historic', { date: dayjs(unit.validTo).format('YYYY-MM-DD') })}</Tag>
      )}
      <Row gutter={[16, 12]} style={{ marginTop: 16 }}>
        {shown.map((k) => (
          <Col key={k} xs={8} sm={8} md={4}>
            <Statistic title={t(`unit.counts.${k}`)} value={counts[k]} styles={{ content: { fontSize: 20 } }} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
