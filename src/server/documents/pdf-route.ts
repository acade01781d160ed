/** The PDF twin of a document's DOCX route: the same document, converted by LibreOffice (documents/pdf.ts). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileDownload, MEDIA } from '../http/openapi.ts';
import { IdParam } from '../../shared/core/schemas.ts';
import { docxToPdf } from './pdf.ts';
import { attachment } from '../http/download.ts';

type IdRequest = FastifyRequest<{ Params: { id: number } }>;

export function pdfRoute(
  app: FastifyInstance,
  url: string,
  opts: { tags: string[]; what: string; render: (req: IdRequest) => Promise<{ name: string; data: Buffer }> },
) {
  app.withTypeProvider<ZodTypeProvider>().get(
    url,
    {
      schema: {
        tags: opts.tags,
        summary: `${opts.what} as PDF, converted from the same Word document by LibreOffice (503 where it is not installed)`,
        params: IdParam,
        response: { 200: fileDownload('The PDF document', [MEDIA.pdf]) },
      },
    },
    async (req, reply) => {
      // The DOCX first: its read is the scope check, so a document out of reach is 404 whether or not PDFs can be made.
      const { name, data } = await opts.render(req as IdRequest);
      const pdf = await docxToPdf(data);
      return reply
        .header('content-type', MEDIA.pdf)
        .header('content-disposition', attachment(name.replace(/\.docx$/, '.pdf')))
        .send(pdf);
    },
  );
}
