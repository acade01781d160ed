import { useSearchParams } from 'react-router-dom';
import { z } from 'zod';
import { intText } from '../shared/core/schemas.ts';

const Page = intText(1);

/** The filters a query string holds, each read through its own schema; a value it refuses counts as absent. */
export function readFilters<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, params: URLSearchParams) {
  type Key = keyof Shape & string;
  const filters: { [K in Key]?: z.output<Shape[K]> } = {};
  for (const key of Object.keys(schema.shape) as Key[]) {
    const raw = params.get(key);
    const parsed = raw === null ? undefined : z.safeParse(schema.shape[key]!, raw);
    if (parsed?.success) filters[key] = parsed.data as z.output<Shape[typeof key]>;
  }
  return { filters, page: Page.safeParse(params.get('page')).data ?? 1 };
}

/**
 * A list's filters kept in the query string, so a filtered list can be linked, reloaded and returned to, read
 * through the shared query schema the server validates with (`readFilters`). `filters` are typed for the API
 * query; `value` gives the text for an input. Setting a filter goes back to the first page. The URL entry is
 * replaced, unless `push` (drill-downs that Back should undo).
 */
export function useUrlFilters<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, { push = false } = {}) {
  type Key = keyof Shape & string;
  const [params, setParams] = useSearchParams();
  const { filters, page } = readFilters(schema, params);
  const setMany = (values: { [K in Key | 'page']?: string | null }) => {
    // From the address bar, not this render's params: React Router renders a navigation in a transition, so a
    // second change made before that render lands would otherwise undo the first.
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(values))
      if (v) next.set(k, v);
      else next.delete(k);
    if (!('page' in values)) next.delete('page');
    setParams(next, { replace: !push });
  };
  return {
    filters,
    page,
    /** The filter as text, for an input; null when absent or refused. */
    value: (key: Key): string | null => (filters[key] === undefined ? null : params.get(key)),
    set: (key: Key | 'page', value: string | null) => setMany({ [key]: value } as { [K in Key | 'page']?: string | null }),
    setMany,
  };
}
