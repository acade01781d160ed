/**
 * PDF of an official document, converted from the same DOCX by LibreOffice (`soffice`, an optional dependency:
 * Debian's libreoffice-writer-nogui). Each conversion runs in a temporary profile of its own (a LibreOffice profile
 * cannot be shared by two processes), under a time limit, at most CONCURRENCY at a time; without soffice the answer
 * says so in both languages.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../http/errors.ts';

const CONCURRENCY = 2;
const TIMEOUT_MS = 60_000;

/** The soffice binary on PATH (or SOFFICE_PATH), or null. */
function findSoffice(): string | null {
  const candidates = process.env.SOFFICE_PATH
    ? [process.env.SOFFICE_PATH]
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, 'soffice'));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not there: try the next one
    }
  }
  return null;
}

/** Whether PDFs can be made here; looked up on each call, so installing LibreOffice needs no restart. */
export const pdfAvailable = () => findSoffice() !== null;

export const pdfUnavailable = () =>
  new AppError(503, 'pdf_unavailable', 'PDF not available: LibreOffice is not installed on the server', 'PDF chưa khả dụng: máy chủ chưa cài LibreOffice');

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Converts a DOCX to PDF with LibreOffice. */
export async function docxToPdf(docx: Buffer): Promise<Buffer> {
  const soffice = findSoffice();
  if (!soffice) throw pdfUnavailable();
  return slot(async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'khien-pdf-'));
    try {
      const input = path.join(work, 'document.docx');
      await writeFile(input, docx);
      await new Promise<void>((resolve, reject) => {
        execFile(
          soffice,
          [`-env:UserInstallation=file://${work}/profile`, '--headless', '--norestore', '--nologo', '--convert-to', 'pdf', '--outdir', work, input],
          { timeout: TIMEOUT_MS, killSignal: 'SIGKILL', env: { ...process.env, HOME: work } },
          (error) => (error ? reject(error) : resolve()),
        );
      });
      return await readFile(path.join(work, 'document.pdf'));
    } catch {
      throw new AppError(
        503,
        'pdf_failed',
        'LibreOffice could not convert the document to PDF; try the DOCX',
        'LibreOffice không chuyển được văn bản sang PDF; hãy dùng bản DOCX',
      );
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
}
