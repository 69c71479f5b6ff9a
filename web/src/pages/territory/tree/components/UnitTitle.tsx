import { Flex, Typography } from 'antd';
import { KindTag } from '../../../../components/KindTag';
import { useUnitName } from '../../../../lib/labels';
import type { UnitItem } from '../../types';

/** One tree row: name, kind tag and code (code hidden on narrow screens by CSS ellipsis). */
export function UnitTitle({ unit, showCode = true }: { unit: UnitItem; showCode?: boolean }) {
  const name = useUnitName();
  return (
    <Flex component="span" align="center" gap={6} wrap style={{ display: 'inline-flex', minWidth: 0, verticalAlign: 'middle' }}>
      <span>{name(unit)}</span>
      <KindTag kind={unit.kind} subkind={unit.subkind} gridKind={unit.gridKind} />
      {showCode && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{unit.code}</Typography.Text>}
    </Flex>
  );
}
