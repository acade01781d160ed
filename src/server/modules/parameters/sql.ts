/** The value of a province parameter in effect on a day, in SQL: the same lookup as shared/parameters/catalog.ts parameterAt. */
import { sql, type SQL } from 'drizzle-orm';
import { todaySql } from '../../db/sql.ts';
import type { ParameterKey } from '../../../shared/parameters/catalog.ts';

/** A numeric parameter on `day` (today by default); null when the province has no period in effect then. */
export const parameterSql = (key: ParameterKey, day: SQL = todaySql) =>
  sql<number | null>`(select pp.value::numeric from province_parameters pp where pp.key = ${key}
    and pp.effective_from <= ${day} and (pp.effective_until is null or pp.effective_until > ${day}) limit 1)`;
