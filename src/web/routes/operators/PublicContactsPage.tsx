import { Anchor, Button, Center, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../../api/client.ts';
import { setLocale } from '../../i18n/index.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';

/** The province's public list of the operators' and security firms' incident contact points: no sign-in. */
export function PublicContactsPage() {
  const { t, i18n } = useTranslation();
  const list = useQuery({ queryKey: ['public-operator-contacts'], queryFn: () => data(client.GET('/api/public/operator-contacts')) });
  return (
    <Center bg="gray.0" p="md" mih="100vh">
      <Paper withBorder shadow="sm" p="xl" w={960}>
        <Stack>
          <Group justify="space-between">
            <Group gap="xs">
              <IconShieldCheck color="var(--mantine-color-red-7)" />
              <Title order={3}>{t('operators.public.title')}</Title>
            </Group>
            <Button variant="subtle" size="xs" onClick={() => setLocale(i18n.language === 'vi' ? 'en' : 'vi')}>
              {i18n.language === 'vi' ? 'English' : 'Tiếng Việt'}
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {t('operators.public.subtitle')}
          </Text>
          {list.isPending && <Loading />}
          {list.isError && <ErrorAlert error={list.error} />}
          {list.data && !list.data.items.length && <Text c="dimmed">{t('operators.public.empty')}</Text>}
          {!!list.data?.items.length && (
            <Table striped data-testid="public-contacts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('operators.organisation')}</Table.Th>
                  <Table.Th>{t('operators.contact.name')}</Table.Th>
                  <Table.Th>{t('operators.contact.phone')}</Table.Th>
                  <Table.Th>{t('operators.contact.email')}</Table.Th>
                  <Table.Th>{t('operators.public.where')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((c) => (
                  <Table.Tr key={`${c.organisation}-${c.name}`} data-testid="public-contact">
                    <Table.Td>
                      {c.organisation}
                      <Text size="xs" c="dimmed">
                        {i18n.language === 'en' ? c.kindNameEn : c.kindNameVi}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {c.name}
                      {c.position && (
                        <Text size="xs" c="dimmed">
                          {c.position}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{c.phone ? <Anchor href={`tel:${c.phone.replace(/\s/g, '')}`}>{c.phone}</Anchor> : '—'}</Table.Td>
                    <Table.Td>{c.email ? <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor> : '—'}</Table.Td>
                    <Table.Td>
                      {c.publishedUrl ? (
                        <Anchor href={c.publishedUrl} target="_blank" rel="noreferrer" size="sm">
                          {c.publishedUrl}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group justify="space-between">
            <Anchor href="/incidents/hotline" size="sm">
              {t('operators.public.hotline')}
            </Anchor>
            <Anchor href="/" size="sm">
              {t('operators.public.signIn')}
            </Anchor>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
