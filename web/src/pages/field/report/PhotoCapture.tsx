import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTOS } from '@gridgov/common';
import { toJpeg } from '../offline/photo';
import type { DraftPhoto } from '../offline/db';

/** Camera button (the back camera on a phone); every photo is shrunk to a JPEG here, before it is stored. */
export function PhotoCapture({ value, onChange }: { value: DraftPhoto[]; onChange: (p: DraftPhoto[]) => void }) {
  const { t } = useTranslation('field');
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const urls = useMemo(() => value.map((p) => URL.createObjectURL(p.blob)), [value]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);

  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    const next = [...value];
    try {
      for (const f of Array.from(files)) {
        if (next.length >= MAX_PHOTOS) {
          void message.warning(t('report.tooMany', { max: MAX_PHOTOS }));
          break;
        }
        try {
          const blob = await toJpeg(f);
          next.push({ name: `photo-${next.length + 1}.jpg`, blob });
        } catch {
          void message.error(t('report.badPhoto', { name: f.name }));
        }
      }
      onChange(next);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="gg-field-thumbs" data-testid="field-photos" data-count={value.length}>
      {value.map((p, i) => (
        <div className="gg-field-thumb" key={urls[i]}>
          <img src={urls[i]} alt={p.name} />
          <Button size="small" shape="circle" icon={<CloseOutlined />} aria-label={t('report.removePhoto')}
            onClick={() => onChange(value.filter((_, j) => j !== i).map((x, j) => ({ ...x, name: `photo-${j + 1}.jpg` })))} />
        </div>
      ))}
      {value.length < MAX_PHOTOS && (
        <Button style={{ width: 76, height: 76 }} loading={busy} onClick={() => input.current?.click()} data-testid="field-photo-button">
          <div><CameraOutlined style={{ fontSize: 22 }} /><div style={{ fontSize: 12 }}>{t('report.photo')}</div></div>
        </Button>
      )}
      <input ref={input} type="file" accept="image/*" capture="environment" multiple hidden style={{ display: 'none' }}
        onChange={(e) => void pick(e.target.files)} data-testid="field-photo-input" />
    </div>
  );
}
