import { useState } from 'react';
import { Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { DIRECTIVE_KINDS, ISSUED_PRECISIONS } from '../../../shared/directives/tasks.ts';
import { client, data } from '../../api/client.ts';
import { ErrorAlert, fieldError, FormButtons, notifySaved } from '../../components/ui.tsx';
import type { DirectiveT } from './types.ts';

/** Enter a directive (no `directive`) or edit one. */
export function DirectiveForm({ directive, onClose }: { directive?: DirectiveT; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [v, setV] = useState({
    kind: directive?.kind ?? 'directive',
    number: directive?.number ?? '',
    issuer: directive?.issuer ?? '',
    issuedOn: directive?.issuedOn ?? '',
    issuedPrecision: directive?.issuedPrecision ?? 'day',
    title: directive?.title ?? '',
    summary: directive?.summary ?? '',
    basedOn: directive?.basedOn ?? '',
    signerTitle: directive?.signerTitle ?? '',
    signerName: directive?.signerName ?? '',
    modelOf: directive?.modelOf ?? '',
    sourceText: directive?.sourceText ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      data(directive ? client.PATCH('/api/directives/{id}', { params: { path: { id: directive.id } }, body: v }) : client.POST('/api/directives', { body: v })),
    onSuccess: async (d) => {
      qc.setQueryData(['directive', d.id], d);
      await qc.invalidateQueries({ queryKey: ['directives'] });
      notifySaved();
      onClose();
      if (!directive) await navigate(`/tasks/directives/${d.id}`);
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  const text = (key: keyof typeof v, label: string, testid: string) => (
    <TextInput label={label} value={v[key]} error={err(key)} onChange={(e) => setV({ ...v, [key]: e.currentTarget.value })} data-testid={testid} />
  );
  return (
    <Modal opened onClose={onClose} title={directive ? t('directives.directive.edit') : t('directives.directive.add')} size="lg">
      <Stack>
        <Group grow>
          <Select
            label={t('directives.directive.kind')}
            value={v.kind}
            allowDeselect={false}
            onChange={(k) => k && setV({ ...v, kind: k as typeof v.kind })}
            data={DIRECTIVE_KINDS.map((k) => ({ value: k, label: t(`directives.directive.kinds.${k}`) }))}
            data-testid="directive-kind"
          />
          {text('number', t('directives.directive.number'), 'directive-number')}
        </Group>
        <Group grow>
          {text('issuer', t('directives.directive.issuer'), 'directive-issuer')}
          <TextInput
            type="date"
            label={t('directives.directive.issuedOn')}
            value={v.issuedOn}
            error={err('issuedOn')}
            onChange={(e) => setV({ ...v, issuedOn: e.currentTarget.value })}
            data-testid="directive-issued-on"
          />
          <Select
            label={t('directives.directive.precision')}
            value={v.issuedPrecision}
            allowDeselect={false}
            error={err('issuedPrecision')}
            onChange={(p) => p && setV({ ...v, issuedPrecision: p as typeof v.issuedPrecision })}
            data={ISSUED_PRECISIONS.map((p) => ({ value: p, label: t(`directives.directive.precisions.${p}`) }))}
          />
        </Group>
        <Textarea
          label={t('directives.directive.title')}
          autosize
          minRows={2}
          value={v.title}
          error={err('title')}
          onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
          data-testid="directive-title"
        />
        {text('basedOn', t('directives.directive.basedOn'), 'directive-based-on')}
        <Group grow>
          {text('signerTitle', t('directives.directive.signerTitle'), 'directive-signer-title')}
          {text('signerName', t('directives.directive.signerName'), 'directive-signer-name')}
        </Group>
        {text('modelOf', t('directives.directive.modelOf'), 'directive-model-of')}
        <Textarea
          label={t('directives.directive.summary')}
          autosize
          minRows={3}
          value={v.summary}
          onChange={(e) => setV({ ...v, summary: e.currentTarget.value })}
        />
        <Textarea
          label={t('directives.directive.sourceText')}
          autosize
          minRows={3}
          maxRows={12}
          value={v.sourceText}
          error={err('sourceText')}
          onChange={(e) => setV({ ...v, sourceText: e.currentTarget.value })}
        />
        {save.isError && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} testid="directive-save" />
      </Stack>
    </Modal>
  );
}
