import { useState } from 'react';
import { ActionIcon, Button, Group, Modal, NativeSelect, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert, fieldError, FormButtons, notifySaved } from '../../components/ui.tsx';
import { client, data } from '../../api/client.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { WARNING_SEVERITIES } from '../../../shared/warnings/remediation.ts';
import type { WarningDetail } from '../../../shared/warnings/schemas.ts';

type Product = { vendor: string; product: string; versionRange: string; cpe: string };

/** Record a warning (no `warning`) or edit one. Saving matches the inventories on the server. */
export function WarningForm({ warning, onClose }: { warning?: WarningDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [v, setV] = useState({
    source: warning?.source ?? '',
    number: warning?.number ?? '',
    issuedOn: warning?.issuedOn ?? todayVn(),
    title: warning?.title ?? '',
    description: warning?.description ?? '',
    cveIds: warning?.cveIds.join(', ') ?? '',
    severity: warning?.severity ?? 'high',
    recommendedAction: warning?.recommendedAction ?? '',
    deadline: warning?.deadline ?? '',
  });
  const [products, setProducts] = useState<Product[]>(
    warning?.products.map((p) => ({ vendor: p.vendor ?? '', product: p.product, versionRange: p.versionRange ?? '', cpe: p.cpe ?? '' })) ?? [
      { vendor: '', product: '', versionRange: '', cpe: '' },
    ],
  );
  const save = useMutation({
    mutationFn: () => {
      const body = { ...v, cveIds: v.cveIds.split(/[\s,;]+/).filter(Boolean), products: products.filter((p) => p.product.trim()) };
      return data(warning ? client.PATCH('/api/warnings/{id}', { params: { path: { id: warning.id } }, body }) : client.POST('/api/warnings', { body }));
    },
    onSuccess: async (w) => {
      qc.setQueryData(['warning', w.id], w);
      await qc.invalidateQueries({ queryKey: ['warnings'] });
      await qc.invalidateQueries({ queryKey: ['remediation-items'] });
      notifySaved();
      onClose();
      if (!warning) await navigate(`/warnings/${w.id}`);
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  const cell = (i: number, k: keyof Product, testid?: string) => (
    <TextInput
      size="xs"
      value={products[i]![k]}
      error={err(`products.${i}.${k}`)}
      data-testid={testid}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setProducts(products.map((p, j) => (j === i ? { ...p, [k]: value } : p)));
      }}
    />
  );
  const productError =
    save.error &&
    (err('products') ?? products.map((_, i) => ['vendor', 'product', 'versionRange', 'cpe'].map((k) => err(`products.${i}.${k}`)).find(Boolean)).find(Boolean));
  return (
    <Modal opened onClose={onClose} title={warning ? t('warnings.detail.edit') : t('warnings.list.add')} size="xl">
      <Stack>
        <Group grow>
          <TextInput label={t('warnings.field.source')} value={v.source} error={err('source')} onChange={set('source')} data-testid="warning-source" />
          <TextInput label={t('warnings.field.number')} value={v.number} error={err('number')} onChange={set('number')} data-testid="warning-number" />
          <TextInput
            type="date"
            label={t('warnings.field.issuedOn')}
            value={v.issuedOn}
            error={err('issuedOn')}
            onChange={set('issuedOn')}
            data-testid="warning-issued"
          />
        </Group>
        <TextInput label={t('warnings.field.title')} value={v.title} error={err('title')} onChange={set('title')} data-testid="warning-title" />
        <Group grow>
          <NativeSelect
            label={t('warnings.field.severity')}
            value={v.severity}
            onChange={set('severity')}
            data-testid="warning-severity"
            data={WARNING_SEVERITIES.map((s) => ({ value: s, label: t(`warnings.severity.${s}`) }))}
          />
          <TextInput
            label={t('warnings.field.cveIds')}
            description={t('warnings.field.cveHint')}
            value={v.cveIds}
            error={err('cveIds') ?? err('cveIds.0')}
            onChange={set('cveIds')}
            data-testid="warning-cves"
          />
          <TextInput
            type="date"
            label={t('warnings.field.deadline')}
            description={t('warnings.field.deadlineHint')}
            value={v.deadline}
            error={err('deadline')}
            onChange={set('deadline')}
            data-testid="warning-deadline"
          />
        </Group>
        <Textarea label={t('warnings.field.description')} autosize minRows={2} value={v.description} onChange={set('description')} />
        <Textarea
          label={t('warnings.field.recommendedAction')}
          autosize
          minRows={2}
          value={v.recommendedAction}
          onChange={set('recommendedAction')}
          data-testid="warning-action"
        />
        <div>
          <Text size="sm" fw={500}>
            {t('warnings.field.products')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('warnings.field.rangeHint')}
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('warnings.field.vendor')}</Table.Th>
                <Table.Th>{t('warnings.field.product')}</Table.Th>
                <Table.Th>{t('warnings.field.versionRange')}</Table.Th>
                <Table.Th>{t('warnings.field.cpe')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.map((_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: controlled inputs: each value follows its row index, rows are only appended or removed
                <Table.Tr key={i}>
                  <Table.Td>{cell(i, 'vendor', `product-vendor-${i}`)}</Table.Td>
                  <Table.Td>{cell(i, 'product', `product-name-${i}`)}</Table.Td>
                  <Table.Td>{cell(i, 'versionRange', `product-range-${i}`)}</Table.Td>
                  <Table.Td>{cell(i, 'cpe')}</Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" disabled={products.length === 1} onClick={() => setProducts(products.filter((__, j) => j !== i))}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Button variant="light" size="xs" mt={4} onClick={() => setProducts([...products, { vendor: '', product: '', versionRange: '', cpe: '' }])}>
            {t('warnings.field.addProduct')}
          </Button>
          {productError && (
            <Text size="xs" c="red" mt={4}>
              {productError}
            </Text>
          )}
        </div>
        {save.isError && !['source', 'number', 'issuedOn', 'title', 'deadline'].some((f) => err(f)) && !productError && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} testid="warning-save" />
      </Stack>
    </Modal>
  );
}
