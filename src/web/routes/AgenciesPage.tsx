import { useMemo, useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Modal,
  NavLink,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Agency } from '../../shared/agencies/schemas.ts';
import { client, data } from '../api/client.ts';
import { useAgencies, useAgency, useAgencyKinds } from '../api/agencies.ts';
import { useUsers } from '../api/users.ts';
import { useMe } from '../auth.ts';
import { fmtDate } from '../i18n/index.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifySaved } from '../components/ui.tsx';
import { Field } from '../components/Field.tsx';
import { SystemsStatsCard } from '../components/SystemsStatsCard.tsx';
import { DocumentSettingsCard } from '../components/DocumentSettingsCard.tsx';

type Node = Agency & { children: Node[] };

function buildTree(list: Agency[]): Node[] {
  const byId = new Map(list.map((a) => [a.id, { ...a, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

function TreeNode({ node, selected, depth }: { node: Node; selected?: number; depth: number }) {
  const navigate = useNavigate();
  return (
    <NavLink
      label={node.name}
      description={node.active ? undefined : '—'}
      c={node.active ? undefined : 'dimmed'}
      active={node.id === selected}
      defaultOpened={depth < 1}
      childrenOffset={14}
      onClick={() => navigate(`/agencies/${node.id}`)}
    >
      {node.children.length ? node.children.map((c) => <TreeNode key={c.id} node={c} selected={selected} depth={depth + 1} />) : undefined}
    </NavLink>
  );
}

export function AgenciesPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [showInactive, setShowInactive] = useState(false);
  const agencies = useAgencies({ includeInactive: showInactive });
  const tree = useMemo(() => buildTree(agencies.data?.filter((a) => !a.external) ?? []), [agencies.data]);
  const external = agencies.data?.filter((a) => a.external) ?? [];
  const selected = id ? Number(id) : undefined;
  const me = useMe().data!;
  const [creating, setCreating] = useState(false);

  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder p="xs">
          <Group justify="space-between" mb="xs">
            <Title order={5}>{t('agencies.tree')}</Title>
            {me.can['agencies.addExternal'] && (
              <Button size="compact-xs" variant="light" onClick={() => setCreating(true)} data-testid="agency-add">
                {t('agencies.add')}
              </Button>
            )}
            <Switch size="xs" label={t('agencies.showInactive')} checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
          </Group>
          {agencies.isPending ? (
            <Loading />
          ) : agencies.isError ? (
            <ErrorAlert error={agencies.error} />
          ) : (
            <ScrollArea.Autosize mah="75vh">
              <div data-testid="agency-tree">
                {tree.map((n) => (
                  <TreeNode key={n.id} node={n} selected={selected} depth={0} />
                ))}
                {external.length > 0 && (
                  <NavLink label={t('agencies.external')} childrenOffset={14}>
                    {external.map((n) => (
                      <TreeNode key={n.id} node={{ ...n, children: [] }} selected={selected} depth={1} />
                    ))}
                  </NavLink>
                )}
              </div>
            </ScrollArea.Autosize>
          )}
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>{selected ? <AgencyDetail id={selected} /> : <Text c="dimmed">{t('agencies.pick')}</Text>}</Grid.Col>
      {creating && <AgencyForm onClose={() => setCreating(false)} />}
    </Grid>
  );
}

function AgencyDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const agency = useAgency(id);
  const all = useAgencies();
  const children = all.data?.filter((c) => c.parentId === id) ?? [];
  const users = useUsers({ agencyId: id });
  const [editing, setEditing] = useState<'info' | 'contact' | 'child' | null>(null);
  if (agency.isPending) return <Loading />;
  if (agency.isError) return <ErrorAlert error={agency.error} />;
  const a = agency.data;
  const own = users.data?.filter((u) => u.agencyId === id) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{a.name}</Title>
          <Group gap="xs">
            <Badge variant="light">
              {t('agencies.kind')}: {me.locale === 'en' ? a.kindNameEn : a.kindNameVi}
            </Badge>
            {!a.active && <Badge color="gray">{t('common.inactive')}</Badge>}
          </Group>
        </div>
        <Group>
          {!a.external && (
            <Button variant="subtle" component={Link} to={`/?agencyId=${a.id}`}>
              {t('indicators.dashboard')}
            </Button>
          )}
          {!a.external && (
            <Button variant="subtle" component={Link} to={`/indicators/${a.id}`} data-testid="agency-indicators">
              {t('indicators.report')}
            </Button>
          )}
          {a.can.edit && (
            <Button variant="default" onClick={() => setEditing('info')}>
              {t('common.edit')}
            </Button>
          )}
          {a.can.addChild && !a.external && (
            <Button variant="light" onClick={() => setEditing('child')}>
              {t('agencies.addChild')}
            </Button>
          )}
        </Group>
      </Group>

      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          {t('agencies.info')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Field label={t('agencies.shortName')} value={a.shortName} />
          <Field label={t('agencies.address')} value={a.address} />
          <Field label={t('agencies.phone')} value={a.phone} />
          <Field label={t('agencies.email')} value={a.email} />
          <Field
            label={t('agencies.portal')}
            value={
              a.portalUrl && (
                <Anchor href={a.portalUrl} target="_blank" rel="noreferrer">
                  {a.portalUrl}
                </Anchor>
              )
            }
          />
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md" data-testid="contact-card">
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('agencies.contact')}</Title>
          {a.can.edit && (
            <Button size="xs" variant="light" data-testid="contact-edit" onClick={() => setEditing('contact')}>
              {t('common.edit')}
            </Button>
          )}
        </Group>
        {a.contactName ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Field label={t('agencies.contactName')} value={a.contactName} />
            <Field label={t('agencies.contactPosition')} value={a.contactPosition} />
            <Field label={t('agencies.contactPhone')} value={a.contactPhone} />
            <Field label={t('agencies.contactEmail')} value={a.contactEmail} />
            <Field label={t('agencies.contactDesignatedOn')} value={fmtDate(a.contactDesignatedOn)} />
            <Field
              label={t('agencies.contactPublished')}
              value={
                <Group gap="xs">
                  <Badge color={a.contactPublished ? 'green' : 'orange'}>{a.contactPublished ? t('agencies.published') : t('agencies.unpublished')}</Badge>
                  {a.contactPublishedUrl && (
                    <Anchor href={a.contactPublishedUrl} target="_blank" rel="noreferrer" size="sm">
                      {a.contactPublishedUrl}
                    </Anchor>
                  )}
                </Group>
              }
            />
          </SimpleGrid>
        ) : (
          <Badge color="red" variant="light">
            {t('agencies.noContact')}
          </Badge>
        )}
      </Paper>

      {children.length > 0 && (
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t('agencies.children')}
          </Title>
          <Table data-testid="agency-children">
            <Table.Tbody>
              {children.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/agencies/${c.id}`}>
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{me.locale === 'en' ? c.kindNameEn : c.kindNameVi}</Table.Td>
                  <Table.Td>
                    {c.contactName ? (
                      <Badge color={c.contactPublished ? 'green' : 'orange'} variant="light">
                        {c.contactName}
                      </Badge>
                    ) : (
                      <Badge color="red" variant="light">
                        {t('agencies.noContact')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      {!a.external && <DocumentSettingsCard agencyId={id} />}

      {!a.external && <SystemsStatsCard agencyId={id} />}

      {(own.length > 0 || a.can.manageUsers) && (
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={5}>{t('agencies.users')}</Title>
            {a.can.manageUsers && (
              <Anchor component={Link} to={`/admin/users?agencyId=${id}`} size="sm">
                {t('users.title')} →
              </Anchor>
            )}
          </Group>
          <Table>
            <Table.Tbody>
              {own.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.fullName}</Table.Td>
                  <Table.Td>{u.position}</Table.Td>
                  <Table.Td>
                    {u.roles.map((r) => (
                      <Badge key={r} size="xs" mr={4} variant="outline">
                        {t(`roles.${r}`)}
                      </Badge>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      {editing === 'contact' && <ContactForm agency={a} onClose={() => setEditing(null)} />}
      {editing === 'info' && <AgencyForm agency={a} onClose={() => setEditing(null)} />}
      {editing === 'child' && <AgencyForm parent={a} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

/** Runs a form's save, then refreshes the tree and the detail. */
function useSaveAgency(onDone: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (save: () => Promise<Agency>) => save(),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['agencies'] });
      await qc.invalidateQueries({ queryKey: ['agency'] });
      notifySaved();
      onDone();
    },
  });
}

function ContactForm({ agency, onClose }: { agency: Agency; onClose: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    contactName: agency.contactName ?? '',
    contactPosition: agency.contactPosition ?? '',
    contactPhone: agency.contactPhone ?? '',
    contactEmail: agency.contactEmail ?? '',
    contactDesignatedOn: agency.contactDesignatedOn ?? '',
    contactPublished: agency.contactPublished,
    contactPublishedUrl: agency.contactPublishedUrl ?? '',
  });
  const save = useSaveAgency(onClose);
  const text = (k: keyof typeof v, testid?: string, type = 'text') => (
    <TextInput
      label={t(`agencies.${k}`)}
      type={type}
      value={v[k] as string}
      data-testid={testid}
      error={fieldError(save.error, k)}
      onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })}
    />
  );
  return (
    <Modal opened onClose={onClose} title={t('agencies.contact')} size="lg">
      <Stack>
        {text('contactName', 'contact-name')}
        {text('contactPosition')}
        {text('contactPhone', 'contact-phone')}
        {text('contactEmail', 'contact-email')}
        {text('contactDesignatedOn', undefined, 'date')}
        <Checkbox
          label={t('agencies.contactPublished')}
          checked={v.contactPublished}
          onChange={(e) => setV({ ...v, contactPublished: e.currentTarget.checked })}
        />
        {text('contactPublishedUrl')}
        {save.isError && !fieldError(save.error, (save.error as { field?: string }).field ?? '') && <ErrorAlert error={save.error} />}
        <FormButtons
          onCancel={onClose}
          saving={save.isPending}
          testid="contact-save"
          onSave={() => save.mutate(() => data(client.PATCH('/api/agencies/{id}', { params: { path: { id: agency.id } }, body: v })))}
        />
      </Stack>
    </Modal>
  );
}

function AgencyForm({ agency, parent, onClose }: { agency?: Agency; parent?: Agency; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const kinds = useAgencyKinds();
  const all = useAgencies();
  const [v, setV] = useState({
    name: agency?.name ?? '',
    shortName: agency?.shortName ?? '',
    kind: agency?.kind ?? '',
    address: agency?.address ?? '',
    phone: agency?.phone ?? '',
    email: agency?.email ?? '',
    portalUrl: agency?.portalUrl ?? '',
    parentId: agency ? agency.parentId : (parent?.id ?? null),
  });
  const save = useSaveAgency(onClose);
  const text = (k: 'name' | 'shortName' | 'address' | 'phone' | 'email' | 'portalUrl', label: string) => (
    <TextInput label={label} value={v[k]} error={fieldError(save.error, k)} onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })} />
  );
  const parents = (all.data ?? []).filter((a) => !a.external && a.id !== agency?.id && a.can.addChild);
  return (
    <Modal opened onClose={onClose} title={agency ? agency.name : parent ? t('agencies.addChild') : t('agencies.add')} size="lg">
      <Stack>
        {text('name', t('common.name'))}
        {text('shortName', t('agencies.shortName'))}
        <Select
          label={t('agencies.kind')}
          value={v.kind}
          error={fieldError(save.error, 'kind')}
          onChange={(k) => setV({ ...v, kind: k ?? '' })}
          data={(kinds.data ?? []).map((k) => ({ value: k.code, label: i18n.language === 'en' ? k.nameEn : k.nameVi }))}
        />
        <Select
          label={t('agencies.parent')}
          value={v.parentId ? String(v.parentId) : null}
          searchable
          clearable
          error={fieldError(save.error, 'parentId')}
          onChange={(p) => setV({ ...v, parentId: p ? Number(p) : null })}
          data={parents.map((a) => ({ value: String(a.id), label: a.name }))}
        />
        {text('address', t('agencies.address'))}
        {text('phone', t('agencies.phone'))}
        {text('email', t('agencies.email'))}
        {text('portalUrl', t('agencies.portal'))}
        {save.isError && <ErrorAlert error={save.error} />}
        <Group justify="space-between">
          {agency?.can.restructure ? (
            <Button
              color={agency.active ? 'red' : 'green'}
              variant="light"
              onClick={() =>
                save.mutate(() => data(client.PATCH('/api/agencies/{id}', { params: { path: { id: agency.id } }, body: { active: !agency.active } })))
              }
            >
              {agency.active ? t('agencies.deactivate') : t('agencies.reactivate')}
            </Button>
          ) : (
            <span />
          )}
          <FormButtons
            onCancel={onClose}
            saving={save.isPending}
            onSave={() =>
              save.mutate(() =>
                agency
                  ? data(client.PATCH('/api/agencies/{id}', { params: { path: { id: agency.id } }, body: v }))
                  : data(client.POST('/api/agencies', { body: v })),
              )
            }
          />
        </Group>
      </Stack>
    </Modal>
  );
}
