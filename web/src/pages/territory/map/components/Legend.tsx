import { useMemo, useState } from 'react';
import { Button, Checkbox, Flex, Typography } from 'antd';
import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { GridFC } from '../api';

interface Props {
  basic: GridFC | undefined;
  dedicated: GridFC | undefined;
  showDedicated: boolean;
  onShowDedicated: (v: boolean) => void;
  typeName: (code: string | null | undefined) => string;
  defaultOpen: boolean;
}

const swatch = (color: string, dashed = false) => (
  <span
    style={{
      display: 'inline-block', width: 16, height: 12, borderRadius: 2, flex: 'none',
      background: dashed ? 'transparent' : color, opacity: dashed ? 1 : 0.75,
      border: dashed ? `2px dashed ${color}` : '1px solid rgba(0,0,0,0.15)',
    }}
  />
);

/** Legend by grid type with counts, plus the dedicated-grid layer switch. */
export function Legend({ basic, dedicated, showDedicated, onShowDedicated, typeName, defaultOpen }: Props) {
  const { t } = useTranslation('map');
  const [open, setOpen] = useState(defaultOpen);
  const types = useMemo(() => {
    const byType = new Map<string, { code: string | null; color: string; count: number }>();
    for (const f of basic?.features ?? []) {
      const code = f.properties.gridType ?? null;
      const key = code ?? '';
      const cur = byType.get(key) ?? { code, color: f.properties.color ?? '#8c8c8c', count: 0 };
      cur.count += 1;
      byType.set(key, cur);
    }
    return [...byType.values()].sort((a, b) => b.count - a.count);
  }, [basic]);
  const dedicatedCount = dedicated?.features.length ?? 0;

  return (
    <div
      data-testid="map-legend"
      style={{
        position: 'absolute', left: 10, top: 10, zIndex: 2, background: 'rgba(255,255,255,0.94)', borderRadius: 8,
        boxShadow: '0 2px 8px rgba(0,0,0,0.12)', padding: '8px 12px', maxWidth: 260, fontSize: 13,
      }}
    >
      <Flex align="center" justify="space-between" gap={8}>
        <Typography.Text strong>{t('legend')}</Typography.Text>
        <Button type="text" size="small" icon={open ? <UpOutlined /> : <DownOutlined />} onClick={() => setOpen(!open)} aria-label={t('legend')} />
      </Flex>
      {open && (
        <Flex vertical gap={4} style={{ marginTop: 4 }}>
          {types.map((x) => (
            <Flex key={x.code ?? ''} align="center" gap={8}>
              {swatch(x.color)}
              <span style={{ flex: 1 }}>{x.code ? typeName(x.code) : t('untyped')}</span>
              <Typography.Text type="secondary">{x.count}</Typography.Text>
            </Flex>
          ))}
          {types.length === 0 && <Typography.Text type="secondary">{t('noGrids')}</Typography.Text>}
          <Flex align="center" gap={8} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 6, marginTop: 2 }}>
            {swatch('#722ed1', true)}
            <Checkbox checked={showDedicated} onChange={(e) => onShowDedicated(e.target.checked)} data-testid="toggle-dedicated" style={{ flex: 1 }}>
              {t('dedicated')}
            </Checkbox>
            <Typography.Text type="secondary">{dedicatedCount}</Typography.Text>
          </Flex>
        </Flex>
      )}
    </div>
  );
}
