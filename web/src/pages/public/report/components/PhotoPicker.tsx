import { useEffect, useMemo, useState } from 'react';
import { Alert, Flex, Spin } from 'antd';
import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '@gridgov/common';
import { preparePhoto } from '../../imageResize';

interface Props {
  value?: Blob[];
  onChange?: (v: Blob[]) => void;
  /** The server's message about a photo (415/413), shown under the grid. */
  serverError?: string;
}

/** Up to 9 photos from the camera or the gallery, resized in the browser before upload. */
export function PhotoPicker({ value = [], onChange, serverError }: Props) {
  const { t } = useTranslation('public');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const urls = useMemo(() => value.map((b) => URL.createObjectURL(b)), [value]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    setProblem(null);
    const room = MAX_PHOTOS - value.length;
    const list = Array.from(files);
    if (list.length > room) setProblem(t('report.photoTooMany', { max: MAX_PHOTOS }));
    setBusy(true);
    const next = [...value];
    try {
      for (const f of list.slice(0, Math.max(0, room))) {
        const r = await preparePhoto(f);
        if (r.ok) next.push(r.blob);
        else setProblem(r.reason === 'type' ? t('report.photoType') : t('report.photoTooBig', { mb: MAX_PHOTO_BYTES / 1024 / 1024 }));
      }
    } finally {
      setBusy(false);
    }
    onChange?.(next);
  };

  const picker = (capture: boolean) => (
    <label className="gg-photo-add" data-testid={capture ? 'report-photo-camera' : 'report-photo-gallery'}>
      {capture ? <CameraOutlined style={{ fontSize: 26 }} /> : <PictureOutlined style={{ fontSize: 26 }} />}
      <span>{capture ? t('report.takePhoto') : t('report.choosePhoto')}</span>
      <input
        type="file"
        accept="image/jpeg,image/png,image/webp,image/*"
        multiple={!capture}
        {...(capture ? { capture: 'environment' as const } : {})}
        data-testid={capture ? 'report-photo-input-camera' : 'report-photo-input'}
        onChange={(e) => {
          void add(e.target.files);
          e.target.value = '';
        }}
      />
    </label>
  );

  return (
    <Flex vertical gap={8}>
      <Spin spinning={busy} description={t('report.photoPreparing')}>
        <div className="gg-photo-grid" data-testid="report-photos">
          {urls.map((u, i) => (
            <div className="gg-photo-cell" key={u}>
              <img src={u} alt={t('report.photoAlt', { n: i + 1 })} />
              <button
                type="button"
                className="gg-photo-remove"
                aria-label={t('report.removePhoto', { n: i + 1 })}
                onClick={() => onChange?.(value.filter((_, j) => j !== i))}
              >
                <CloseOutlined />
              </button>
            </div>
          ))}
          {value.length < MAX_PHOTOS && picker(true)}
          {value.length < MAX_PHOTOS && picker(false)}
        </div>
      </Spin>
      {(problem || serverError) && <Alert type="error" showIcon title={problem ?? serverError} data-testid="report-photo-error" />}
    </Flex>
  );
}
