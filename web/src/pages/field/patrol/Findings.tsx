import { useState } from 'react';
import { App, Button, Card, Input, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { FINDING_KIND_LABELS, FINDING_KINDS, type FindingKind } from '@gridgov/common';
import { useErrorText } from '../../../lib/errors';
import { postOrQueue } from '../offline/writes';
import { usePosition } from '../geo';
import type { BundleGrid } from '../types';

/** A finding on the patrol, against a cell and/or key site; a problem can go straight on to a report. */
export function Findings({ patrolId, grid, onReport }: { patrolId: string; grid: BundleGrid; onReport: () => void }) {
  const { t, i18n } = useTranslation('field');
  const en = i18n.language === 'en-US';
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { fix } = usePosition();
  const [kind, setKind] = useState<FindingKind>('all_clear');
  const [cellId, setCellId] = useState<string | undefined>();
  const [keySiteId, setKeySiteId] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [count, setCount] = useState(0);

  const save = async () => {
    setBusy(true);
    try {
      const r = await postOrQueue(`/patrols/${patrolId}/findings`, {
        kind, note: note.trim(), ...(cellId ? { cellId } : {}), ...(keySiteId ? { keySiteId } : {}),
        ...(fix ? { lat: fix.lat, lng: fix.lng } : {}),
      }, 'finding');
      void message.success(r.sent ? t('patrol.findingSaved') : t('queuedOffline'));
      setCount((c) => c + 1);
      setNote('');
      if (kind === 'problem') onReport();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" className="gg-field-section" title={t('patrol.findings')} extra={count ? t('patrol.findingCount', { count }) : null} data-testid="patrol-findings">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group optionType="button" buttonStyle="solid" value={kind} onChange={(e) => setKind(e.target.value as FindingKind)}
          options={FINDING_KINDS.map((k) => ({ value: k, label: FINDING_KIND_LABELS[k][en ? 'en' : 'zh'] }))} data-testid="finding-kind" />
        <Select allowClear style={{ width: '100%' }} placeholder={t('patrol.cell')} value={cellId} onChange={setCellId}
          options={grid.cells.map((c) => ({ value: c.id, label: c.name }))} data-testid="finding-cell" />
        <Select allowClear style={{ width: '100%' }} placeholder={t('patrol.keySite')} value={keySiteId} onChange={setKeySiteId}
          options={grid.keySites.map((k) => ({ value: k.id, label: k.name }))} />
        <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} placeholder={t('patrol.note')} />
        <Button type="primary" block loading={busy} onClick={() => void save()} data-testid="finding-save">
          {kind === 'problem' ? t('patrol.saveAndReport') : t('patrol.saveFinding')}
        </Button>
      </Space>
    </Card>
  );
}
