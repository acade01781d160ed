import { Button, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/client.ts';

/** Download a document as PDF; where the server has no LibreOffice, the button is disabled and says why. */
export function PdfButton({ href, testid }: { href: string; testid?: string }) {
  const { t, i18n } = useTranslation();
  const status = useQuery({ queryKey: ['pdf-status'], queryFn: () => data(client.GET('/api/documents/pdf-status')), staleTime: 300_000 });
  if (status.data && !status.data.available) {
    const why = (i18n.language === 'en' ? status.data.message : status.data.messageVi) ?? t('documents.pdfUnavailable');
    return (
      <Tooltip label={why}>
        <Button variant="default" disabled data-testid={testid} aria-label={why}>
          {t('documents.pdf')}
        </Button>
      </Tooltip>
    );
  }
  return (
    <Button variant="default" component="a" href={href} data-testid={testid} disabled={!status.data}>
      {t('documents.pdf')}
    </Button>
  );
}
