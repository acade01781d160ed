import { useState } from 'react';
import { Anchor, Badge, Button, Card, Checkbox, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useParams } from 'react-router-dom';
import { client, data, type Answer } from '../../api/client.ts';
import { useMe } from '../../auth.ts';
import { fmtDate, fmtNumber } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifySaved } from '../../components/ui.tsx';
import { StatusBadge } from '../directives/badges.tsx';
import { SHARE_RECIPIENTS, type ShareRecipient } from '../../../shared/operators/duties.ts';
import { todayVn } from '../../../shared/core/dates.ts';

type Operator = Answer<'/api/operators/{id}'>;
const PUBLIC_PATH = '/public/operator-contacts';

/** Telecom and Internet operators and security firms answering the duties the directives set them. */
export function OperatorsRoutes() {
  return (
    <Routes>
      <Route index element={<OperatorsPage />} />
      <Route path=":id" element={<OperatorPage />} />
    </Routes>
  );
}

/** The operators in reach: an operator's officer goes straight to its own page; the security unit picks one. */
function OperatorsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const list = useQuery({ queryKey: ['operators'], queryFn: () => data(client.GET('/api/operators')) });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const own = list.data.find((o) => o.id === me.agencyId);
  if (own) return <Navigate to={`/operators/${own.id}`} replace />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('operators.title')}</Title>
        <Anchor href={PUBLIC_PATH} target="_blank">
          {t('operators.publicLink')}
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed">
        {t('operators.basis')}
      </Text>
      {list.data.length ? (
        <Table striped data-testid="operator-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('operators.organisation')}</Table.Th>
              <Table.Th>{t('operators.kind')}</Table.Th>
              <Table.Th>{t('operators.published')}</Table.Th>
              <Table.Th>{t('operators.warningsCount')}</Table.Th>
              <Table.Th>{t('operators.sharesCount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/operators/${o.id}`}>
                    {o.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{i18n.language === 'en' ? o.kindNameEn : o.kindNameVi}</Table.Td>
                <Table.Td>{o.contactPublished ? t('operators.yes') : t('operators.no')}</Table.Td>
                <Table.Td>{fmtNumber(o.customerWarnings)}</Table.Td>
                <Table.Td>{fmtNumber(o.incidentShares)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text c="dimmed">{t('operators.none')}</Text>
      )}
    </Stack>
  );
}

/** One operator: its duties from the directives, its contact point, its customer warnings and shared incident information. */
function OperatorPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const [adding, setAdding] = useState<'warning' | 'share' | 'contact' | null>(null);
  const operator = useQuery({ queryKey: ['operator', id], queryFn: () => data(client.GET('/api/operators/{id}', { params: { path: { id } } })) });
  const tasks = useQuery({
    queryKey: ['tasks', 'operator', id],
    queryFn: () => data(client.GET('/api/tasks', { params: { query: { agencyId: id, limit: 500 } } })),
  });
  if (operator.isPending) return <Loading />;
  if (operator.isError) return <ErrorAlert error={operator.error} />;
  const o = operator.data;
  const c = o.contact;
  return (
    <Stack>
      <div>
        <Title order={2} data-testid="operator-name">
          {o.name}
        </Title>
        <Text size="sm" c="dimmed">
          {i18n.language === 'en' ? o.kindNameEn : o.kindNameVi} · {t('operators.basis')}
        </Text>
      </div>

      <Card withBorder data-testid="operator-duties">
        <Title order={4} mb="xs">
          {t('operators.duties')}
        </Title>
        {tasks.isError && <ErrorAlert error={tasks.error} />}
        {tasks.data && !tasks.data.items.length && <Text c="dimmed">{t('operators.dutiesNone')}</Text>}
        {!!tasks.data?.items.length && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('operators.directive')}</Table.Th>
                <Table.Th>{t('operators.task')}</Table.Th>
                <Table.Th>{t('operators.deadline')}</Table.Th>
                <Table.Th>{t('operators.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tasks.data.items.map((a) => (
                <Table.Tr key={a.id} data-testid="operator-duty">
                  <Table.Td>{a.directiveNumber}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/tasks/assignments/${a.id}`} size="sm">
                      {a.taskText}
                    </Anchor>
                  </Table.Td>
                  <Table.Td w={200}>
                    <Text size="sm">{a.deadlineText}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <StatusBadge status={a.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>

      <Card withBorder data-testid="operator-contact">
        <Group justify="space-between" mb="xs">
          <Title order={4}>{t('operators.contact.title')}</Title>
          {o.can.editContact && (
            <Button size="xs" variant="light" onClick={() => setAdding('contact')} data-testid="contact-edit">
              {t('operators.contact.edit')}
            </Button>
          )}
        </Group>
        {c.name ? (
          <Stack gap={2}>
            <Text fw={600}>
              {c.name}
              {c.position && ` · ${c.position}`}
            </Text>
            <Text size="sm">
              {t('operators.contact.phone')}: {c.phone ?? '—'} · {t('operators.contact.email')}: {c.email ?? '—'}
            </Text>
            <Text size="sm">
              {t('operators.published')}:{' '}
              <Badge color={c.published ? 'green' : 'gray'} variant="light" data-testid="contact-published">
                {c.published ? t('operators.yes') : t('operators.no')}
              </Badge>
              {c.publishedUrl && (
                <Anchor href={c.publishedUrl} target="_blank" rel="noreferrer" size="sm" ml="xs">
                  {c.publishedUrl}
                </Anchor>
              )}
            </Text>
          </Stack>
        ) : (
          <Text c="dimmed">{t('operators.contact.none')}</Text>
        )}
        <Text size="xs" c="dimmed" mt="xs">
          {t('operators.contact.publicNote')}{' '}
          <Anchor href={PUBLIC_PATH} target="_blank" size="xs">
            {t('operators.publicLink')}
          </Anchor>
        </Text>
      </Card>

      <Card withBorder data-testid="operator-warnings">
        <Group justify="space-between" mb="xs">
          <Title order={4}>{t('operators.warnings.title')}</Title>
          {o.can.record && (
            <Button size="xs" onClick={() => setAdding('warning')} data-testid="warning-add">
              {t('operators.warnings.add')}
            </Button>
          )}
        </Group>
        {o.customerWarnings.length ? (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('operators.warnings.issuedOn')}</Table.Th>
                <Table.Th>{t('operators.warnings.subject')}</Table.Th>
                <Table.Th>{t('operators.warnings.customersReached')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.customerWarnings.map((w) => (
                <Table.Tr key={w.id} data-testid="customer-warning">
                  <Table.Td>{fmtDate(w.issuedOn)}</Table.Td>
                  <Table.Td>
                    {w.subject}
                    {w.authorityWarning && (
                      <Text size="xs" c="dimmed">
                        {w.authorityWarning}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{fmtNumber(w.customersReached)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text c="dimmed">{t('operators.warnings.none')}</Text>
        )}
      </Card>

      <Card withBorder data-testid="operator-shares">
        <Group justify="space-between" mb="xs">
          <Title order={4}>{t('operators.shares.title')}</Title>
          {o.can.record && (
            <Button size="xs" onClick={() => setAdding('share')} data-testid="share-add">
              {t('operators.shares.add')}
            </Button>
          )}
        </Group>
        {o.incidentShares.length ? (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('operators.shares.sharedOn')}</Table.Th>
                <Table.Th>{t('operators.shares.recipient')}</Table.Th>
                <Table.Th>{t('operators.shares.description')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.incidentShares.map((s) => (
                <Table.Tr key={s.id} data-testid="incident-share">
                  <Table.Td>{fmtDate(s.sharedOn)}</Table.Td>
                  <Table.Td>
                    {t(`operators.shares.recipients.${s.recipient}`)}
                    <Text size="xs" c="dimmed">
                      {s.recipientName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {s.incidentRef && <Badge variant="outline">{s.incidentRef}</Badge>} {s.description}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text c="dimmed">{t('operators.shares.none')}</Text>
        )}
      </Card>

      {adding === 'warning' && <AddWarning operator={o} onClose={() => setAdding(null)} />}
      {adding === 'share' && <AddShare operator={o} onClose={() => setAdding(null)} />}
      {adding === 'contact' && <EditContact operator={o} onClose={() => setAdding(null)} />}
    </Stack>
  );
}

/** Saves, refreshes the operator and closes. */
function useSave<T>(operator: Operator, save: () => Promise<T>, onClose: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: save,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['operator', operator.id] });
      await qc.invalidateQueries({ queryKey: ['operators'] });
      notifySaved();
      onClose();
    },
  });
}

function AddWarning({ operator, onClose }: { operator: Operator; onClose: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ issuedOn: todayVn(), subject: '', customersReached: 0, authorityWarning: '' });
  const save = useSave(operator, () => data(client.POST('/api/operators/{id}/customer-warnings', { params: { path: { id: operator.id } }, body: v })), onClose);
  const err = (k: string) => fieldError(save.error, k);
  return (
    <Modal opened onClose={onClose} title={t('operators.warnings.add')} size="lg">
      <Stack gap="xs">
        <TextInput
          type="date"
          label={t('operators.warnings.issuedOn')}
          value={v.issuedOn}
          error={err('issuedOn')}
          onChange={(e) => setV({ ...v, issuedOn: e.currentTarget.value })}
          data-testid="warning-f-issuedOn"
        />
        <Textarea
          label={t('operators.warnings.subject')}
          value={v.subject}
          error={err('subject')}
          onChange={(e) => setV({ ...v, subject: e.currentTarget.value })}
          data-testid="warning-f-subject"
        />
        <NumberInput
          label={t('operators.warnings.customersReached')}
          min={0}
          thousandSeparator="."
          decimalSeparator=","
          value={v.customersReached}
          error={err('customersReached')}
          onChange={(n) => setV({ ...v, customersReached: typeof n === 'number' ? n : Number(n) || 0 })}
          data-testid="warning-f-customersReached"
        />
        <TextInput
          label={t('operators.warnings.authorityWarning')}
          value={v.authorityWarning}
          error={err('authorityWarning')}
          onChange={(e) => setV({ ...v, authorityWarning: e.currentTarget.value })}
          data-testid="warning-f-authorityWarning"
        />
        {save.isError && !Object.keys(v).some((k) => err(k)) && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} onSave={() => save.mutate()} saving={save.isPending} testid="warning-save" />
      </Stack>
    </Modal>
  );
}

function AddShare({ operator, onClose }: { operator: Operator; onClose: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ sharedOn: todayVn(), recipient: 'security_unit' as ShareRecipient, incidentRef: '', description: '' });
  const save = useSave(operator, () => data(client.POST('/api/operators/{id}/incident-shares', { params: { path: { id: operator.id } }, body: v })), onClose);
  const err = (k: string) => fieldError(save.error, k);
  return (
    <Modal opened onClose={onClose} title={t('operators.shares.add')} size="lg">
      <Stack gap="xs">
        <TextInput
          type="date"
          label={t('operators.shares.sharedOn')}
          value={v.sharedOn}
          error={err('sharedOn')}
          onChange={(e) => setV({ ...v, sharedOn: e.currentTarget.value })}
          data-testid="share-f-sharedOn"
        />
        <Select
          label={t('operators.shares.recipient')}
          allowDeselect={false}
          value={v.recipient}
          error={err('recipient')}
          onChange={(x) => x && setV({ ...v, recipient: x as ShareRecipient })}
          data={SHARE_RECIPIENTS.map((r) => ({ value: r, label: t(`operators.shares.recipients.${r}`) }))}
          data-testid="share-f-recipient"
        />
        <TextInput
          label={t('operators.shares.incidentRef')}
          value={v.incidentRef}
          error={err('incidentRef')}
          onChange={(e) => setV({ ...v, incidentRef: e.currentTarget.value })}
          data-testid="share-f-incidentRef"
        />
        <Textarea
          label={t('operators.shares.description')}
          autosize
          minRows={3}
          value={v.description}
          error={err('description')}
          onChange={(e) => setV({ ...v, description: e.currentTarget.value })}
          data-testid="share-f-description"
        />
        {save.isError && !Object.keys(v).some((k) => err(k)) && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} onSave={() => save.mutate()} saving={save.isPending} testid="share-save" />
      </Stack>
    </Modal>
  );
}

/** The contact point is the organisation's own record (PATCH /api/agencies/:id), as for every agency. */
function EditContact({ operator, onClose }: { operator: Operator; onClose: () => void }) {
  const { t } = useTranslation();
  const c = operator.contact;
  const [v, setV] = useState({
    contactName: c.name ?? '',
    contactPosition: c.position ?? '',
    contactPhone: c.phone ?? '',
    contactEmail: c.email ?? '',
    contactDesignatedOn: c.designatedOn ?? '',
    contactPublished: c.published,
    contactPublishedUrl: c.publishedUrl ?? '',
  });
  const save = useSave(
    operator,
    () =>
      data(
        client.PATCH('/api/agencies/{id}', {
          params: { path: { id: operator.id } },
          body: { ...v, contactDesignatedOn: v.contactDesignatedOn || null },
        }),
      ),
    onClose,
  );
  const err = (k: string) => fieldError(save.error, k);
  const text = (k: 'contactName' | 'contactPosition' | 'contactPhone' | 'contactEmail' | 'contactPublishedUrl' | 'contactDesignatedOn', label: string) => (
    <TextInput
      type={k === 'contactDesignatedOn' ? 'date' : 'text'}
      label={t(`operators.contact.${label}`)}
      value={v[k]}
      error={err(k)}
      onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })}
      data-testid={`contact-f-${label}`}
    />
  );
  return (
    <Modal opened onClose={onClose} title={t('operators.contact.edit')} size="lg">
      <Stack gap="xs">
        {text('contactName', 'name')}
        {text('contactPosition', 'position')}
        <Group grow>
          {text('contactPhone', 'phone')}
          {text('contactEmail', 'email')}
        </Group>
        {text('contactDesignatedOn', 'designatedOn')}
        <Checkbox
          label={t('operators.contact.published')}
          checked={v.contactPublished}
          onChange={(e) => setV({ ...v, contactPublished: e.currentTarget.checked })}
          data-testid="contact-f-published"
        />
        {text('contactPublishedUrl', 'publishedUrl')}
        {save.isError && !Object.keys(v).some((k) => err(k)) && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} onSave={() => save.mutate()} saving={save.isPending} testid="contact-save" />
      </Stack>
    </Modal>
  );
}
