import { useState } from 'react';
import { App, Button, Drawer, Form, Input, Radio } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, get, post } from '../../../api/client';
import { fieldKeys } from '../api';
import { newKey, type DraftPhoto } from '../offline/db';
import { sendWithKey } from '../offline/send';
import { PhotoCapture } from '../report/PhotoCapture';
import type { BundleCase } from '../types';

/**
 * On-site verification (核查) of a handled matter: photo(s), a note, verified OK or not solved (→ verify_failed,
 * back to the grid with the note as the reason). Online only: the photos go first (one Idempotency-Key per sheet,
 * so a retry after a lost answer stores them once), then the action with the case version read just before.
 */
export function VerifySheet({ item, onClose }: { item: BundleCase | null; onClose: () => void }) {
  const { t } = useTranslation('field');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<'verify' | 'verify_failed'>('verify');
  const [key, setKey] = useState(newKey);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setPhotos([]);
    setNote('');
    setOutcome('verify');
    setKey(newKey());
  };
  const submit = async () => {
    if (!item) return;
    if (photos.length === 0) return void message.warning(t('verify.needPhoto'));
    if (outcome === 'verify_failed' && !note.trim()) return void message.warning(t('verify.needReason'));
    setBusy(true);
    try {
      const form = new FormData();
      form.append('kind', 'verification');
      for (const p of photos) form.append('photos', p.blob, p.name);
      await sendWithKey(`/cases/${item.id}/photos`, key, form);
      const { version } = await get<{ version: number }>(`/cases/${item.id}`);
      const text = note.trim();
      await post(`/cases/${item.id}/actions/${outcome}`, {
        version, ...(outcome === 'verify_failed' ? { reason: text } : text ? { note: text } : {}),
      });
      void message.success(outcome === 'verify' ? t('verify.done') : t('verify.failedDone'));
      void qc.invalidateQueries({ queryKey: fieldKeys.bundle });
      reset();
      onClose();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={!!item} onClose={onClose} placement="bottom" height="auto" title={t('verify.title')} data-testid="field-verify-sheet" destroyOnHidden>
      {item && (
        <Form layout="vertical" onFinish={() => void submit()}>
          <div className="gg-field-row-title" style={{ marginBottom: 8 }}>{item.title} <span className="gg-field-row-sub">{item.code}</span></div>
          <div style={{ marginBottom: 16 }}>
            <div style={{ marginBottom: 8 }}><span style={{ color: '#ff4d4f' }}>* </span>{t('verify.photo')}</div>
            <PhotoCapture value={photos} onChange={setPhotos} />
          </div>
          <Form.Item label={t('verify.outcome')}>
            <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value as 'verify' | 'verify_failed')} data-testid="field-verify-outcome">
              <Radio.Button value="verify" data-testid="field-verify-ok">{t('verify.ok')}</Radio.Button>
              <Radio.Button value="verify_failed" data-testid="field-verify-failed">{t('verify.notSolved')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={outcome === 'verify_failed' ? t('verify.reason') : t('verify.note')} required={outcome === 'verify_failed'}>
            <Input.TextArea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="field-verify-note" />
          </Form.Item>
          <div className="gg-field-row-sub" style={{ marginBottom: 8 }}>{t('verify.onlineOnly')}</div>
          <Button type="primary" block htmlType="submit" className="gg-field-big" loading={busy} data-testid="field-verify-submit">
            {t('verify.submit')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
