import { useTranslation } from 'react-i18next';

export function BrandLogo({ size = 28 }: { size?: number }) {
  return (
    <svg className="gg-brand-logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden>
      <rect width="32" height="32" rx="6" fill="#c8102e" />
      <path d="M6 11h20M6 21h20M11 6v20M21 6v20" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

/** 网格通 GridGov: the Chinese name leads; the other name is shown small beside it. */
export function Brand({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="gg-brand">
      <BrandLogo />
      <span>{t('app.name')}</span>
      {!compact && <small>{t('app.nameEn')}</small>}
    </span>
  );
}
