import { useState, type ReactNode } from 'react';
import { Button, FileInput, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { ErrorAlert } from './ui.tsx';

type RowError = { row: number; field?: string; column?: string; message?: string; messageVi?: string };

/**
 * The rows an import refused (the answer's `details`), each with its reason in the UI language; the first 100. When the
 * rows name the column as the file heads it, that column is shown on its own.
 */
export function RowErrors({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const rows = error instanceof ApiError ? (error.details as RowError[] | undefined) : undefined;
  if (!rows) return null;
  const byColumn = rows.some((r) => r.column);
  return (
    <>
      <Table data-testid="import-errors">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.row')}</Table.Th>
            {byColumn && <Table.Th>{t('common.column')}</Table.Th>}
            <Table.Th>{t('common.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, 100).map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: read-only rows, never reordered
            <Table.Tr key={i}>
              <Table.Td>{r.row}</Table.Td>
              {byColumn && <Table.Td>{r.column}</Table.Td>}
              <Table.Td>
                {!byColumn && r.field ? `${r.field}: ` : ''}
                {i18n.language === 'vi' ? (r.messageVi ?? r.message) : r.message}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length > 100 && (
        <Text size="sm" c="dimmed">
          {t('common.moreErrors', { count: rows.length - 100 })}
        </Text>
      )}
    </>
  );
}

/**
 * Pick a file and import it: all rows or none, the refused rows listed. `onDone` gets the import's answer; `children`
 * (a template to download, say) sit under the hint.
 */
export function ImportModal<T>({
  title,
  hint,
  accept,
  testid,
  upload,
  onDone,
  onClose,
  children,
}: {
  title: string;
  hint: ReactNode;
  accept: string;
  testid: string;
  upload: (file: File) => Promise<T>;
  onDone: (result: T) => Promise<void>;
  onClose: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: () => upload(file!),
    onSuccess: async (r) => {
      await onDone(r);
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <Stack>
        <Text size="sm">{hint}</Text>
        {children}
        <FileInput label={t('common.file')} accept={accept} value={file} onChange={setFile} data-testid={testid} />
        {run.isError && <ErrorAlert error={run.error} />}
        <RowErrors error={run.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button disabled={!file} loading={run.isPending} onClick={() => run.mutate()} data-testid={`${testid}-send`}>
            {t('common.upload')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
