import { and, asc, desc, eq, gte, isNull, or, gt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { users } from '../users/index.ts';
import { SEEDED_PERIODS } from '../../../shared/parameters/province.ts';
import { provinceParameters } from './schema.ts';
import { mayEditParameters } from './access.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { formatCitation, type Citation } from '../../../shared/legal/citation.ts';
import { INSTRUMENTS } from '../../../shared/legal/instruments.ts';
import {
  PARAMETERS,
  PARAMETER_KEYS,
  parametersOn,
  valueProblem,
  type ParameterKey,
  type ParameterPeriod,
  type ParametersOn,
} from '../../../shared/parameters/catalog.ts';
import type { z } from 'zod';
import type { ParameterPeriodInput } from '../../../shared/parameters/schemas.ts';

const isKey = (key: string): key is ParameterKey => (PARAMETER_KEYS as readonly string[]).includes(key);

/** Seeds data/province-parameters.json (shared/parameters/province.ts): a key that has periods already keeps them (an admin's edits are never overwritten). */
export async function loadProvinceParameters(db: Queryable) {
  const present = new Set((await db.selectDistinct({ key: provinceParameters.key }).from(provinceParameters)).map((r) => r.key));
  const rows = SEEDED_PERIODS.filter((p) => !present.has(p.key)).map((p) => ({
    key: p.key,
    value: p.value,
    unit: PARAMETERS[p.key].unit,
    effectiveFrom: p.effectiveFrom,
    effectiveUntil: p.effectiveUntil,
    citation: p.citation,
    reference: formatCitation(p.citation),
    note: p.note,
  }));
  if (rows.length) await db.insert(provinceParameters).values(rows);
}

/** Every period of every parameter, for the pure lookups (shared/parameters/catalog.ts). */
export async function parameterPeriods(db: Queryable): Promise<ParameterPeriod[]> {
  const rows = await db
    .select({
      key: provinceParameters.key,
      value: provinceParameters.value,
      effectiveFrom: provinceParameters.effectiveFrom,
      effectiveUntil: provinceParameters.effectiveUntil,
      citation: provinceParameters.citation,
    })
    .from(provinceParameters);
  return rows.filter((r): r is ParameterPeriod => isKey(r.key));
}

/** The values in effect on a day (today by default). */
export const parametersAt = async (db: Queryable, day = todayVn()): Promise<ParametersOn> => parametersOn(await parameterPeriods(db), day);

const authors = alias(users, 'authors');

/** The admin page: each parameter with its periods, newest first, who added each and what it cites. */
export async function listParameters(db: Queryable, actor: Actor) {
  const rows = await db
    .select({
      id: provinceParameters.id,
      key: provinceParameters.key,
      value: provinceParameters.value,
      unit: provinceParameters.unit,
      effectiveFrom: provinceParameters.effectiveFrom,
      effectiveUntil: provinceParameters.effectiveUntil,
      citation: provinceParameters.citation,
      reference: provinceParameters.reference,
      note: provinceParameters.note,
      createdByName: authors.fullName,
      createdAt: provinceParameters.createdAt,
    })
    .from(provinceParameters)
    .leftJoin(authors, eq(authors.id, provinceParameters.createdBy))
    .orderBy(asc(provinceParameters.key), desc(provinceParameters.effectiveFrom));
  const today = todayVn();
  return {
    today,
    can: { edit: mayEditParameters(actor) },
    parameters: PARAMETER_KEYS.map((key) => {
      const periods = rows.filter((r) => r.key === key).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
      const current = periods.find((p) => p.effectiveFrom <= today && (p.effectiveUntil === null || today < p.effectiveUntil)) ?? null;
      return { key, labelVi: PARAMETERS[key].vi, labelEn: PARAMETERS[key].en, unit: PARAMETERS[key].unit, current, periods };
    }),
  };
}

/**
 * A new value from a day on (today or later: the past is never rewritten). The period in effect then ends that day;
 * a period that already starts on or after it is a conflict (change that one's successor instead). One audited change.
 */
export async function addParameterPeriod(db: Db, actor: Actor, key: string, input: z.infer<typeof ParameterPeriodInput>) {
  assert(mayEditParameters(actor));
  if (!isKey(key)) throw notFound('Parameter');
  const problem = valueProblem(key, input.value);
  if (problem) throw invalid('value', `Expected a value as ${problem}`, `Giá trị không hợp lệ (cần dạng ${problem})`);
  if (!INSTRUMENTS.some((i) => i.id === input.instrument)) {
    throw invalid('instrument', 'Not an instrument of the legal registry', 'Văn bản không có trong danh mục văn bản pháp lý');
  }
  if (input.effectiveFrom < todayVn()) {
    throw invalid(
      'effectiveFrom',
      'A new value applies from today or later: the past is kept as it was',
      'Giá trị mới chỉ áp dụng từ hôm nay trở đi; không sửa quá khứ',
    );
  }
  const { value, effectiveFrom, note, instrument, article, clause, point, item, section } = input;
  const citation: Citation = { instrument, article, clause, point, item, section };
  for (const k of Object.keys(citation) as (keyof Citation)[]) if (citation[k] === undefined) delete citation[k];
  return db.transaction(async (tx) => {
    const ofKey = eq(provinceParameters.key, key);
    const later = await tx
      .select({ id: provinceParameters.id })
      .from(provinceParameters)
      .where(and(ofKey, gte(provinceParameters.effectiveFrom, effectiveFrom)))
      .for('update');
    if (later.length)
      throw conflict('effectiveFrom', 'A period already starts on or after that day', 'Đã có giai đoạn áp dụng bắt đầu từ ngày này hoặc sau đó');
    const [before] = await tx
      .select()
      .from(provinceParameters)
      .where(and(ofKey, or(isNull(provinceParameters.effectiveUntil), gt(provinceParameters.effectiveUntil, effectiveFrom))))
      .for('update');
    if (before) await tx.update(provinceParameters).set({ effectiveUntil: effectiveFrom }).where(eq(provinceParameters.id, before.id));
    const [after] = await tx
      .insert(provinceParameters)
      .values({
        key,
        value,
        unit: PARAMETERS[key].unit,
        effectiveFrom,
        citation,
        reference: formatCitation(citation),
        note: note?.trim() || null,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, actor, { action: 'add_period', entity: 'province_parameter', entityId: key, before: before ?? null, after });
    return { ...after!, createdAt: after!.createdAt.toISOString() };
  });
}
