import { describe, expect, it } from 'vitest';
import { SystemListQuery } from '../shared/systems/schemas.ts';
import { readFilters } from './url-filters.ts';

const FILTERS = SystemListQuery.pick({ q: true, agencyId: true, level: true, unapproved: true });
const read = (query: string) => readFilters(FILTERS, new URLSearchParams(query));

describe('readFilters', () => {
  it('types the filters as the API query takes them', () => {
    expect(read('agencyId=12&level=3&unapproved=true&q=his&page=2')).toEqual({ filters: { agencyId: 12, level: 3, unapproved: 'true', q: 'his' }, page: 2 });
  });

  it('leaves out what the schema refuses, and keys it does not know', () => {
    expect(read('agencyId=01&level=9&unapproved=yes&status=in_operation')).toEqual({ filters: {}, page: 1 });
  });

  it('starts on the first page when the page is missing or not a page number', () => {
    expect(read('').page).toBe(1);
    expect(read('page=0').page).toBe(1);
    expect(read('page=x').page).toBe(1);
  });
});
