import { App, Button, Card, Flex, Result, Typography } from 'antd';
import { CopyOutlined, FileSearchOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Plain-HTTP pages have no clipboard API: select a hidden field and copy the old way.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

/** The tracking number, big, with copy and a link that opens tracking already filled in. */
export function Submitted({ trackingNo, phone, onAnother }: { trackingNo: string; phone?: string; onAnother: () => void }) {
  const { t } = useTranslation('public');
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <Card data-testid="report-done">
      <Result status="success" title={t('done.title')} style={{ padding: '8px 0' }} />
      <Flex vertical gap={12}>
        <Typography.Text type="secondary" id="tracking-label">{t('done.trackingNo')}</Typography.Text>
        <div className="gg-public-tracking" data-testid="report-tracking-no" aria-labelledby="tracking-label">{trackingNo}</div>
        <Typography.Paragraph style={{ fontSize: 15, marginBottom: 0 }}>
          {phone ? t('done.hint') : t('done.noPhoneHint')}
        </Typography.Paragraph>
        <Button
          size="large"
          icon={<CopyOutlined />}
          className="gg-public-big-btn"
          data-testid="report-copy"
          onClick={async () => {
            if (await copyText(trackingNo)) void message.success(t('done.copied'));
            else void message.error(t('done.copyFailed'));
          }}
        >
          {t('done.copy')}
        </Button>
        {/* The phone travels in router state, never in the URL. */}
        <Button
          type="primary"
          size="large"
          block
          icon={<FileSearchOutlined />}
          className="gg-public-big-btn"
          data-testid="report-track-link"
          onClick={() => navigate('/report/track', { state: { trackingNo, phone } })}
        >
          {t('done.track')}
        </Button>
        <Button type="link" size="large" icon={<PlusOutlined />} onClick={onAnother}>{t('done.another')}</Button>
      </Flex>
    </Card>
  );
}
