import { useState } from 'react';
import { App, Button, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { VISIT_PURPOSE_LABELS, VISIT_PURPOSES, type HouseholdVisitPurpose } from '@gridgov/common';
import { useErrorText } from '../../../lib/errors';
import { postOrQueue } from '../offline/writes';
import { usePosition } from '../geo';
import type { BundleHousehold } from '../types';

const PATROL_KEY = 'gridgov.field.patrol';
function runningPatrolId(): string | undefined {
  try { return (JSON.parse(localStorage.getItem(PATROL_KEY) ?? 'null') as { id?: string } | null)?.id; } catch { return undefined; }
}

/** 走访 of a household: the household (and its address) comes from the lookup, nothing is typed twice. */
export function VisitForm({ household, onDone }: { household: BundleHousehold; onDone: () => void }) {
  const { t, i18n } = useTranslation('field');
  const en = i18n.language === 'en-US';
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { fix } = usePosition();
  const [purpose, setPurpose] = useState<HouseholdVisitPurpose>('routine');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const patrolId = runningPatrolId();
      const r = await postOrQueue('/visits', {
        householdId: household.id, purpose, note: note.trim(),
        ...(patrolId ? { patrolId } : {}), ...(fix ? { lat: fix.lat, lng: fix.lng } : {}),
      }, 'visit');
      void message.success(r.sent ? t('visit.saved') : t('queuedOffline'));
      setNote('');
      onDone();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="visit-form">
      <div className="gg-field-row-title">{household.address}</div>
      <Select style={{ width: '100%' }} value={purpose} onChange={setPurpose}
        options={VISIT_PURPOSES.map((p) => ({ value: p, label: VISIT_PURPOSE_LABELS[p][en ? 'en' : 'zh'] }))} data-testid="visit-purpose" />
      <Input.TextArea rows={4} value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} placeholder={t('visit.note')} data-testid="visit-note" />
      <Button type="primary" block loading={busy} onClick={() => void save()} data-testid="visit-save">{t('visit.save')}</Button>
    </Space>
  );
}
