import { App, Upload, type UploadFile } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_TYPES } from '@gridgov/common';

/** Up to 9 photos kept in the browser until submit; wrong types and oversize files are refused at once. */
export function PhotoPicker({ value, onChange }: { value: UploadFile[]; onChange: (files: UploadFile[]) => void }) {
  const { t } = useTranslation('cases');
  const { message } = App.useApp();
  return (
    <Upload
      listType="picture-card"
      accept={PHOTO_TYPES.join(',')}
      multiple
      fileList={value}
      beforeUpload={(file, batch) => {
        if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
          void message.error(t('intake.badType', { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        if (file.size > MAX_PHOTO_BYTES) {
          void message.error(t('intake.tooBig', { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        if (value.length + batch.indexOf(file) >= MAX_PHOTOS) {
          void message.error(t('intake.tooMany', { max: MAX_PHOTOS }));
          return Upload.LIST_IGNORE;
        }
        return false; // kept locally, sent with the form
      }}
      onChange={({ fileList }) => onChange(fileList.slice(0, MAX_PHOTOS))}
      data-testid="intake-photos"
    >
      {value.length < MAX_PHOTOS && (
        <div>
          <PlusOutlined />
          <div style={{ marginTop: 4, fontSize: 12 }}>{t('intake.photos')}</div>
        </div>
      )}
    </Upload>
  );
}
