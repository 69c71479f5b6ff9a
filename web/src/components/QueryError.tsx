import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../lib/errors';

/** A failed load: the reason in the user's language and a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <Alert
      type="error"
      showIcon
      title={text(error)}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('action.retry')}</Button> : undefined}
      style={{ margin: 16 }}
    />
  );
}
