import { Button, Flex, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { KindTag } from '../../../../components/KindTag';
import { useEnumLabel } from '../../../../lib/labels';
import type { GridFeatureProps } from '../../types';

interface Props {
  grid: GridFeatureProps;
  typeName: (code: string | null | undefined) => string;
  onOpen: (id: string) => void;
}

export function GridPopup({ grid, typeName, onOpen }: Props) {
  const { t } = useTranslation('map');
  const label = useEnumLabel();
  return (
    <Flex vertical gap={4} style={{ minWidth: 180 }} data-testid="grid-popup">
      <Typography.Text strong style={{ fontSize: 14, paddingRight: 12 }}>{grid.name}</Typography.Text>
      <Typography.Text type="secondary" copyable={{ text: grid.code }} style={{ fontSize: 12 }}>{grid.code}</Typography.Text>
      <Flex gap={4} wrap>
        <KindTag kind="grid" gridKind={grid.kind} />
        {grid.gridType && <Typography.Text style={{ fontSize: 12 }}>{typeName(grid.gridType)}</Typography.Text>}
        {grid.dedicatedType && <Typography.Text style={{ fontSize: 12 }}>· {label('dedicatedType', grid.dedicatedType)}</Typography.Text>}
      </Flex>
      <Button type="primary" size="small" onClick={() => onOpen(grid.id)} style={{ marginTop: 4 }} data-testid="grid-popup-open">
        {t('openGrid')} <ArrowRightOutlined />
      </Button>
    </Flex>
  );
}
