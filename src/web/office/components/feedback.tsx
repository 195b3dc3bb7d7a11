// One way to tell the user that a request failed: field messages go next to their fields,
// everything else becomes a toast (for writes) or an inline alert (for reads).
import { Alert, App, Button, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api';
import { applyFieldErrors } from './formErrors';
import { knownProblemText } from './labels';

export function problemText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'network_error') return t('common.networkError');
    return knownProblemText(t, error.problem) ?? (error.problem.detail || error.problem.title || t('common.unknownError'));
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
        // A business refusal names one field; its code has a message in the user's language.
        // Schema validation (several fields) keeps the server's per-field wording.
        const known = error.fieldErrors.length === 1 ? knownProblemText(t, error.problem) : null;
        const unmatched = applyFieldErrors(form, error, (fieldError) => known ?? fieldError.message);
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
