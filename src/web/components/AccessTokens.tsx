import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, MultiSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/client.ts';
import { fmtDate, fmtDateTime } from '../i18n/index.ts';
import { fieldError, notifyError } from './ui.tsx';
import { TOKEN_SCOPE_NAMES, type TokenScope } from '../../shared/core/capabilities.ts';

/** i18next reads ':' as its namespace separator, so the keys spell scopes with '_'. */
const scopeLabel = (t: (key: string) => string, scope: TokenScope) => t(`tokens.scope.${scope.replace(':', '_')}`);

/** The signed-in user's API tokens: create one (its secret shown once), see when each was last used, revoke. */
export function AccessTokens() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['access-tokens'], queryFn: () => data(client.GET('/api/access-tokens')) });
  const [v, setV] = useState<{ name: string; scopes: TokenScope[]; expiresInDays: number }>({ name: '', scopes: [], expiresInDays: 90 });
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['access-tokens'] });
  const create = useMutation({
    mutationFn: () => data(client.POST('/api/access-tokens', { body: v })),
    onSuccess: async (r) => {
      setSecret(r.secret);
      setV({ name: '', scopes: [], expiresInDays: 90 });
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => data(client.DELETE('/api/access-tokens/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
    onError: notifyError,
  });
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={5}>{t('tokens.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('tokens.intro')}
        </Text>
        {list.data?.length === 0 && <Text size="sm">{t('tokens.none')}</Text>}
        {!!list.data?.length && (
          <Table data-testid="access-tokens">
            <Table.Tbody>
              {list.data.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {k.name}
                    </Text>
                    <Code>{k.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {k.scopes.map((s) => (
                        <Badge key={s} variant="light" size="xs">
                          {scopeLabel(t, s)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {t('tokens.expires')}: {fmtDate(k.expiresAt)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('tokens.lastUsed')}: {k.lastUsedAt ? fmtDateTime(k.lastUsedAt) : t('tokens.never')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {k.revokedAt ? (
                      <Badge color="gray">{t('tokens.revoked')}</Badge>
                    ) : Date.parse(k.expiresAt) < Date.now() ? (
                      <Badge color="gray">{t('tokens.expired')}</Badge>
                    ) : (
                      k.can.revoke && (
                        <Button size="compact-xs" color="red" variant="light" loading={revoke.isPending} onClick={() => revoke.mutate(k.id)}>
                          {t('tokens.revoke')}
                        </Button>
                      )
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Stack gap="xs">
            <TextInput
              label={t('tokens.name')}
              value={v.name}
              required
              data-testid="token-name"
              error={fieldError(create.error, 'name')}
              onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
            />
            <MultiSelect
              label={t('tokens.scopes')}
              data={TOKEN_SCOPE_NAMES.map((s) => ({ value: s, label: scopeLabel(t, s) }))}
              value={v.scopes}
              searchable
              data-testid="token-scopes"
              error={fieldError(create.error, 'scopes')}
              onChange={(scopes) => setV({ ...v, scopes: scopes as TokenScope[] })}
            />
            <NumberInput
              label={t('tokens.days')}
              value={v.expiresInDays}
              min={1}
              max={366}
              allowDecimal={false}
              error={fieldError(create.error, 'expiresInDays')}
              onChange={(n) => setV({ ...v, expiresInDays: Number(n) || 1 })}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending} disabled={v.name.trim().length < 2 || !v.scopes.length} data-testid="token-create">
                {t('tokens.create')}
              </Button>
            </Group>
          </Stack>
        </form>
        {secret && (
          <Alert color="orange" withCloseButton onClose={() => setSecret(null)} data-testid="token-secret">
            <Text size="sm">{t('tokens.shown')}</Text>
            <Code block mt="xs">
              {secret}
            </Code>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
