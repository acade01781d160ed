import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { conflict, invalid } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { hotlineFormTokens, incidents } from './schema.ts';
import { addEvent } from './access.ts';
import { detectionProblem } from '../../../shared/incidents/deadlines.ts';
import { incidentCode } from '../../../shared/incidents/vocabulary.ts';
import { KIND_VI } from './labels-vi.ts';
import type { PublicIncidentBody } from '../../../shared/incidents/schemas.ts';

/**
 * The public hotline form (no sign-in, no captcha). Abuse is kept down by layers that cost a person nothing:
 * a per-IP rate limit on the route, the CSRF cookie round-trip, a signed form token that must be at least a few
 * seconds old (bots post at once), at most a few hours, and brings one report only, a trap field people never see,
 * size and link limits, and de-duplication of the same report sent again.
 */
const TOKEN_MAX_AGE_MS = 6 * 3_600_000;
const MAX_LINKS = 5;
const DEDUPE_WINDOW_MS = 24 * 3_600_000;

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(`incident-form:${payload}`).digest('base64url').slice(0, 32);

/** "<issued-at base36>.<nonce>.<signature>". */
export function issueFormToken(secret: string, now = Date.now()): string {
  const payload = `${now.toString(36)}.${randomBytes(9).toString('base64url')}`;
  return `${payload}.${sign(secret, payload)}`;
}

export type TokenProblem = 'invalid' | 'too_fast' | 'expired';

export function formTokenProblem(secret: string, token: string, minSeconds: number, now = Date.now()): TokenProblem | null {
  const parts = token.split('.');
  if (parts.length !== 3) return 'invalid';
  const payload = `${parts[0]}.${parts[1]}`;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(parts[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const issued = parseInt(parts[0]!, 36);
  if (!Number.isFinite(issued)) return 'invalid';
  if (now - issued < minSeconds * 1000) return 'too_fast';
  if (now - issued > TOKEN_MAX_AGE_MS) return 'expired';
  return null;
}

/** The same person sending the same text again is one report. */
function intakeFingerprint(b: { description: string; reporterPhone?: string | null; reporterEmail?: string | null }) {
  const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  const contact = (b.reporterPhone ?? '').replace(/\D/g, '') || norm(b.reporterEmail ?? '');
  return createHash('sha256')
    .update(`${contact}|${norm(b.description)}`)
    .digest('hex');
}

export type Receipt = { reference: string; duplicate: boolean };

export async function submitPublicReport(
  db: Db,
  opts: { secret: string; minSeconds: number; ip: string },
  body: z.infer<typeof PublicIncidentBody>,
  now = new Date(),
): Promise<Receipt> {
  // A filled trap field: answer like a success and keep nothing, so the sender learns nothing.
  if (body.website?.trim()) return { reference: incidentCode(randomInt(1, 10_000), now), duplicate: false };
  const problem = formTokenProblem(opts.secret, body.formToken, opts.minSeconds, now.getTime());
  if (problem) {
    throw invalid(
      'formToken',
      problem === 'too_fast' ? 'The form was sent too quickly; check it and send again' : 'The form has expired; reload the page',
      problem === 'too_fast' ? 'Biểu mẫu được gửi quá nhanh, vui lòng kiểm tra lại và gửi lại' : 'Biểu mẫu đã hết hạn, vui lòng tải lại trang',
    );
  }
  if ((body.description.match(/https?:\/\//gi) ?? []).length > MAX_LINKS) {
    throw invalid('description', `At most ${MAX_LINKS} links`, `Nội dung chứa tối đa ${MAX_LINKS} đường dẫn`);
  }
  const detectedAt = body.detectedAt ? new Date(body.detectedAt) : now;
  const detection = detectionProblem(detectedAt, now);
  if (detection) throw invalid('detectedAt', detection.en, detection.vi);
  const fingerprint = intakeFingerprint(body);

  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: incidents.id, reportedAt: incidents.reportedAt })
      .from(incidents)
      .where(and(eq(incidents.intakeFingerprint, fingerprint), gt(incidents.reportedAt, new Date(now.getTime() - DEDUPE_WINDOW_MS))))
      .orderBy(desc(incidents.id))
      .limit(1);
    if (existing) return { reference: incidentCode(existing.id, existing.reportedAt), duplicate: true };
    // One report per token: a second use is refused (the unique key also settles two sends racing each other).
    await tx.delete(hotlineFormTokens).where(lt(hotlineFormTokens.usedAt, new Date(now.getTime() - TOKEN_MAX_AGE_MS)));
    const [fresh] = await tx
      .insert(hotlineFormTokens)
      .values({ nonce: body.formToken.split('.')[1]!, usedAt: now })
      .onConflictDoNothing()
      .returning({ nonce: hotlineFormTokens.nonce });
    if (!fresh) {
      throw conflict(
        'formToken',
        'This form was already sent; reload the page to send another report',
        'Biểu mẫu này đã được gửi; vui lòng tải lại trang để gửi báo cáo khác',
      );
    }
    const description = body.affectedAddress ? `${body.description}\n\nĐịa chỉ bị ảnh hưởng: ${body.affectedAddress}` : body.description;
    const [row] = await tx
      .insert(incidents)
      .values({
        source: 'hotline',
        title: `${KIND_VI[body.kind]}: ${body.organization}`.slice(0, 300),
        kind: body.kind,
        severity: 'medium',
        detectedAt,
        reportedAt: now,
        description,
        reporterName: body.reporterName,
        reporterPhone: body.reporterPhone ?? null,
        reporterEmail: body.reporterEmail ?? null,
        hotlineOrganization: body.organization,
        intakeFingerprint: fingerprint,
      })
      .returning();
    const caller = `${body.reporterName} (đường dây nóng)`;
    await addEvent(tx, row!.id, null, 'reported', { actorName: caller, detail: { source: 'hotline', organization: body.organization } });
    // No account behind a hotline caller: the entry names them and keeps their address.
    const anonymous = { userId: null, fullName: caller, ip: opts.ip } as unknown as Parameters<typeof recordAudit>[1];
    await recordAudit(tx, anonymous, { action: 'public_report', entity: 'incident', entityId: row!.id, after: row });
    return { reference: incidentCode(row!.id, row!.reportedAt), duplicate: false };
  });
}
