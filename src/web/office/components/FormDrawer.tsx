// The create/edit drawer every office form uses: a title, the form as the body, and Cancel /
// Save in the footer (Save submits the form, so validation and server field errors apply).
import { Button, Drawer, Flex, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FormDrawerProps {
  open: boolean;
  title: ReactNode;
  form: FormInstance;
  saving: boolean;
  onClose(): void;
  /** Footer button text; default 保存 / Save. */
  submitText?: ReactNode;
  size?: number;
  /** data-testid of the submit button. */
  submitTestId?: string;
  extraFooter?: ReactNode;
  testId?: string;
  children: ReactNode;
}

export function FormDrawer({ open, title, form, saving, onClose, submitText, size = 480, submitTestId, extraFooter, testId, children }: FormDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={size}
      destroyOnHidden
      data-testid={testId}
      footer={
        <Flex justify="flex-end" gap={8}>
          {extraFooter}
          <div style={{ flex: 1 }} />
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid={submitTestId}>
            {submitText ?? t('common.save')}
          </Button>
        </Flex>
      }
    >
      {open ? children : null}
    </Drawer>
  );
}

/** Runs a write with the drawer's saving flag; a failure goes to `onError` (usually useReportError with the form). */
export async function withSaving<T>(setSaving: (saving: boolean) => void, write: () => Promise<T>, onError: (error: unknown) => void): Promise<T | undefined> {
  setSaving(true);
  try {
    return await write();
  } catch (error) {
    onError(error);
    return undefined;
  } finally {
    setSaving(false);
  }
}
