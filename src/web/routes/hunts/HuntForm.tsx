import { useState } from 'react';
import { Group, MultiSelect, Paper, SegmentedControl, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { HUNT_RESULTS, HUNT_STATUSES, HUNTER_KINDS, type HuntResult, type HuntStatus, type HunterKind } from '../../../shared/hunts/rules.ts';
import { ApiError, client, data, type Answer } from '../../api/client.ts';
import { useAgencies } from '../../api/agencies.ts';
import { useSystems } from '../../api/systems.ts';
import { useMe } from '../../auth.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifySaved } from '../../components/ui.tsx';

type Hunt = Answer<'/api/hunts/{id}'>;

/** Record a hunt (/hunts/new) or correct one (/hunts/:id/edit). */
export function HuntFormPage() {
  const { id } = useParams();
  const hunt = useQuery({
    queryKey: ['hunt', Number(id)],
    enabled: Boolean(id),
    queryFn: () => data(client.GET('/api/hunts/{id}', { params: { path: { id: Number(id) } } })),
  });
  if (id && hunt.isPending) return <Loading />;
  if (id && hunt.isError) return <ErrorAlert error={hunt.error} />;
  return <HuntForm hunt={id ? hunt.data! : null} />;
}

/** Fields shown beside their input; any other refusal goes above the buttons. */
const INLINE =
  /^(agencyId|title|hypothesis|scope|systemIds|periodFrom|periodTo|techniques(\.\d+)?|attackTechniques(\.\d+)?|providerAgencyId|hunters|result|resultSummary)$/;

function HuntForm({ hunt }: { hunt: Hunt | null }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const agencies = useAgencies();
  const [v, setV] = useState({
    agencyId: hunt?.agencyId ?? me.agencyId,
    title: hunt?.title ?? '',
    hypothesis: hunt?.hypothesis ?? '',
    scope: hunt?.scope ?? '',
    systemIds: (hunt?.systems ?? []).map((s) => String(s.id)),
    periodFrom: hunt?.periodFrom ?? '',
    periodTo: hunt?.periodTo ?? '',
    techniques: hunt?.techniques ?? [],
    attackTechniques: hunt?.attackTechniques ?? [],
    hunterKind: (hunt?.hunterKind ?? 'own_staff') as HunterKind,
    providerAgencyId: hunt?.provider ? String(hunt.provider.id) : null,
    hunters: hunt?.hunters ?? '',
    status: (hunt?.status ?? 'planned') as HuntStatus,
    result: (hunt?.result ?? null) as HuntResult | null,
    resultSummary: hunt?.resultSummary ?? '',
  });
  const systems = useSystems({ agencyId: v.agencyId, limit: 500 });
  const body = () => ({
    ...v,
    systemIds: v.systemIds.map(Number),
    providerAgencyId: v.hunterKind === 'provider' && v.providerAgencyId ? Number(v.providerAgencyId) : null,
    result: v.status === 'planned' ? null : v.result,
    resultSummary: v.status === 'planned' ? null : v.resultSummary,
  });
  const save = useMutation({
    mutationFn: () =>
      hunt
        ? data(
            client.PATCH('/api/hunts/{id}', {
              params: { path: { id: hunt.id } },
              body: (({ agencyId: _a, ...rest }) => rest)(body()),
            }),
          )
        : data(client.POST('/api/hunts', { body: body() })),
    onSuccess: async (d) => {
      await qc.invalidateQueries({ queryKey: ['hunts'] });
      await qc.invalidateQueries({ queryKey: ['hunt', d.id] });
      await qc.invalidateQueries({ queryKey: ['hunt-quarters'] });
      notifySaved();
      await navigate(`/hunts/${d.id}`);
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  const listErr = (f: 'techniques' | 'attackTechniques') => err(f) ?? v[f].map((_, i) => err(`${f}.${i}`)).find(Boolean);
  const agencyOptions = (agencies.data ?? []).filter((a) => a.can.recordHunts).map((a) => ({ value: String(a.id), label: a.name }));
  const providerOptions = (agencies.data ?? []).filter((a) => a.external).map((a) => ({ value: String(a.id), label: a.name }));
  const systemOptions = (systems.data?.items ?? [])
    .filter((s) => s.agencyId === v.agencyId)
    .map((s) => ({ value: String(s.id), label: `${s.name} (${s.code})` }));
  const area = (k: 'hypothesis' | 'scope' | 'resultSummary', label: string, description?: string) => (
    <Textarea
      label={label}
      description={description}
      autosize
      minRows={2}
      value={v[k]}
      error={err(k)}
      onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })}
      data-testid={`hunt-f-${k}`}
    />
  );
  const day = (k: 'periodFrom' | 'periodTo') => (
    <TextInput
      type="date"
      label={t(`hunts.${k}`)}
      value={v[k]}
      error={err(k)}
      onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })}
      data-testid={`hunt-f-${k}`}
    />
  );

  return (
    <Stack maw={960}>
      <Title order={2}>{hunt ? `${t('hunts.edit')}: ${hunt.title}` : t('hunts.add')}</Title>
      <Paper withBorder p="md">
        <Stack>
          <Group grow align="flex-start">
            <Select
              label={t('hunts.agency')}
              searchable
              disabled={Boolean(hunt)}
              value={String(v.agencyId)}
              data={hunt ? [{ value: String(hunt.agencyId), label: hunt.agencyName }] : agencyOptions}
              error={err('agencyId')}
              onChange={(a) => a && setV({ ...v, agencyId: Number(a), systemIds: [] })}
              data-testid="hunt-f-agency"
            />
            <MultiSelect
              label={t('hunts.systems')}
              description={t('hunts.systemsHint')}
              searchable
              value={v.systemIds}
              data={systemOptions}
              error={err('systemIds')}
              onChange={(ids) => setV({ ...v, systemIds: ids })}
              data-testid="hunt-f-systems"
            />
          </Group>
          <TextInput
            label={t('hunts.name')}
            value={v.title}
            error={err('title')}
            onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
            data-testid="hunt-f-title"
          />
          {area('hypothesis', t('hunts.hypothesis'), t('hunts.hypothesisHint'))}
          {area('scope', t('hunts.scope'))}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {day('periodFrom')}
            {day('periodTo')}
          </SimpleGrid>
          <TagsInput
            label={t('hunts.techniques')}
            description={t('hunts.techniquesHint')}
            value={v.techniques}
            error={listErr('techniques')}
            onChange={(techniques) => setV({ ...v, techniques })}
            data-testid="hunt-f-techniques"
          />
          <TagsInput
            label={t('hunts.attack')}
            description={t('hunts.attackHint')}
            value={v.attackTechniques}
            error={listErr('attackTechniques')}
            onChange={(attackTechniques) => setV({ ...v, attackTechniques })}
            data-testid="hunt-f-attack"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('hunts.hunterKind')}
            </Text>
            <SegmentedControl
              value={v.hunterKind}
              onChange={(k) => setV({ ...v, hunterKind: k as HunterKind })}
              data={HUNTER_KINDS.map((k) => ({ value: k, label: t(`hunts.hunterKinds.${k}`) }))}
              data-testid="hunt-f-hunterKind"
            />
          </Stack>
          {v.hunterKind === 'provider' && (
            <Select
              label={t('hunts.provider')}
              searchable
              value={v.providerAgencyId}
              data={providerOptions}
              error={err('providerAgencyId')}
              onChange={(p) => setV({ ...v, providerAgencyId: p })}
              data-testid="hunt-f-provider"
            />
          )}
          <TextInput
            label={t('hunts.hunters')}
            value={v.hunters}
            error={err('hunters')}
            onChange={(e) => setV({ ...v, hunters: e.currentTarget.value })}
            data-testid="hunt-f-hunters"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('hunts.status')}
            </Text>
            <SegmentedControl
              value={v.status}
              onChange={(s) => setV({ ...v, status: s as HuntStatus })}
              data={HUNT_STATUSES.map((s) => ({ value: s, label: t(`hunts.statuses.${s}`) }))}
              data-testid="hunt-f-status"
            />
          </Stack>
          {v.status !== 'planned' && (
            <>
              <Select
                label={t('hunts.result')}
                clearable
                value={v.result}
                data={HUNT_RESULTS.map((r) => ({ value: r, label: t(`hunts.results.${r}`) }))}
                error={err('result')}
                onChange={(r) => setV({ ...v, result: r as HuntResult | null })}
                data-testid="hunt-f-result"
              />
              {area('resultSummary', t('hunts.resultSummary'))}
            </>
          )}
          {save.isError && !(save.error instanceof ApiError && INLINE.test(save.error.field ?? '')) && <ErrorAlert error={save.error} />}
          <FormButtons
            onCancel={() => navigate(hunt ? `/hunts/${hunt.id}` : '/hunts')}
            onSave={() => save.mutate()}
            saving={save.isPending}
            testid="hunt-save"
          />
        </Stack>
      </Paper>
    </Stack>
  );
}
