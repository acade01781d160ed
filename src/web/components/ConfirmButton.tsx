import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A button for an action that cannot be taken back: it first asks, saying what will happen (with the numbers),
 * and acts only on the confirm button. Cancel, Esc or closing the dialog leave everything as it was.
 */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  testid,
  ...button
}: ButtonProps & {
  children: ReactNode;
  /** The question, e.g. "Thu hồi nhiệm vụ khỏi 14 cơ quan?" */
  title: string;
  /** What will happen, in plain words. */
  message?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  testid?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button {...button} onClick={() => setOpen(true)} data-testid={testid}>
        {children}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title} data-testid="confirm-dialog">
        <Stack>
          {message && <Text size="sm">{message}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)} data-testid="confirm-cancel">
              {t('common.cancel')}
            </Button>
            <Button
              color={button.color ?? 'red'}
              onClick={() => {
                setOpen(false);
                onConfirm();
              }}
              data-testid="confirm-ok"
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
