import { useEffect } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { useTranslation } from 'react-i18next';
import { AppRoutes } from './AppRoutes';

/** antd and dayjs follow the i18next language, so dates, pagers and pickers switch together. */
export function ThemedApp() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en-US';
  useEffect(() => {
    dayjs.locale(zh ? 'zh-cn' : 'en');
  }, [zh]);
  return (
    <ConfigProvider
      locale={zh ? zhCN : enUS}
      theme={{
        algorithm: theme.defaultAlgorithm,
        // Blue for controls, red only for the brand: a red primary made every focused input look like an error.
        token: { colorPrimary: '#1d5bd6', borderRadius: 6, fontFamily: 'var(--gg-font)' },
        components: { Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px', headerHeight: 56 } },
      }}
    >
      <AntApp>
        <AppRoutes />
      </AntApp>
    </ConfigProvider>
  );
}
