import { useState } from 'react';
import { Button, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../../api/client.ts';
import { useIncidentPolicy } from '../../api/incidents.ts';
import { useMe } from '../../auth.ts';
import { ErrorAlert, Loading, notifySaved } from '../../components/ui.tsx';
import type { Rule } from './types.ts';

/** The reporting deadlines counted from detection; the platform admin edits them. */
export function PolicyPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const policy = useIncidentPolicy();
  const canEdit = me.can['incidentPolicy.edit'];
  if (policy.isPending) return <Loading />;
  if (policy.isError) return <ErrorAlert error={policy.error} />;
  return (
    <Stack maw={1000}>
      <Title order={2}>{t('incidents.policy.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('incidents.policy.hint')}
      </Text>
      <Paper withBorder>
        <Table data-testid="policy-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('incidents.policy.cls')}</Table.Th>
              <Table.Th>{t('incidents.policy.within')}</Table.Th>
              <Table.Th>{t('incidents.policy.lateAfter')}</Table.Th>
              <Table.Th>{t('incidents.policy.reference')}</Table.Th>
              {canEdit && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policy.data.map((r) => (
              <PolicyRow key={r.severityClass} rule={r} canEdit={canEdit} />
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

function PolicyRow({ rule, canEdit }: { rule: Rule; canEdit: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState(rule);
  const save = useMutation({
    mutationFn: () =>
      data(
        client.PUT('/api/incident-policy/{severityClass}', {
          params: { path: { severityClass: rule.severityClass } },
          body: { reportWithinHours: v.reportWithinHours, lateAfterHours: v.lateAfterHours, reference: v.reference },
        }),
      ),
    onSuccess: (p) => {
      qc.setQueryData(['incident-policy'], p);
      notifySaved();
    },
  });
  const changed = v.reportWithinHours !== rule.reportWithinHours || v.lateAfterHours !== rule.lateAfterHours || v.reference !== rule.reference;
  return (
    <Table.Tr>
      <Table.Td>{t(`incidents.severityClass.${rule.severityClass}`)}</Table.Td>
      <Table.Td>
        {canEdit ? (
          <NumberInput min={0} max={720} w={110} value={v.reportWithinHours} onChange={(n) => setV({ ...v, reportWithinHours: Number(n) || 0 })} />
        ) : rule.reportWithinHours === 0 ? (
          t('incidents.policy.immediately')
        ) : (
          rule.reportWithinHours
        )}
      </Table.Td>
      <Table.Td>
        {canEdit ? (
          <NumberInput min={1} max={720} w={110} value={v.lateAfterHours} onChange={(n) => setV({ ...v, lateAfterHours: Number(n) || 1 })} />
        ) : (
          rule.lateAfterHours
        )}
      </Table.Td>
      <Table.Td>
        {canEdit ? (
          <TextInput value={v.reference} onChange={(e) => setV({ ...v, reference: e.currentTarget.value })} />
        ) : (
          <Text size="sm">{rule.reference}</Text>
        )}
      </Table.Td>
      {canEdit && (
        <Table.Td>
          <Group gap={4}>
            <Button size="xs" disabled={!changed} loading={save.isPending} onClick={() => save.mutate()}>
              {t('common.save')}
            </Button>
          </Group>
          {save.isError && <ErrorAlert error={save.error} />}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
