import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLang, type Lang } from '../i18n';

/** 中文 / English; the choice is kept in localStorage. */
export function LangSwitch() {
  const { i18n } = useTranslation();
  const current: Lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      size="small"
      value={current}
      onChange={(v) => setLang(v)}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en-US', label: 'EN' },
      ]}
    />
  );
}
