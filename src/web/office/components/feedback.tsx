// One way to tell the user that a request failed: field messages go next to their fields,
// everything else becomes a toast (for writes) or an inline alert (for reads).
import { Alert, App, Button, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api';
import { applyFieldErrors } from './formErrors';

export function problemText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'network_error') return t('common.networkError');
    return error.problem.detail || error.problem.title || t('common.unknownError');
  }
  return t('common.unknownError');
}

/** Report a failed write; with a form, the server's field errors land on the fields. */
export function useReportError(): (error: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (form && error instanceof ApiError && error.fieldErrors.length > 0) {
        const unmatched = applyFieldErrors(form, error);
        if (unmatched.length === 0) return;
        void message.error([problemText(error, t), ...unmatched].join(' · '));
        return;
      }
      void message.error(problemText(error, t));
    },
    [message, t],
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      description={problemText(error, t)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
