import { useQuery } from '@tanstack/react-query';
import { client, data } from './client.ts';
import type { ParameterKey } from '../../shared/parameters/catalog.ts';

const fetchParameters = () => data(client.GET('/api/province-parameters'));

/** The province's parameters with their periods (the admin page, and the rules screens show the values in effect). */
export const useProvinceParameters = () => useQuery({ queryKey: ['province-parameters'], queryFn: fetchParameters, staleTime: 60_000 });

type Parameters = Awaited<ReturnType<typeof fetchParameters>>;
/** The period in effect today of a key, if the province has one. */
export const currentOf = (list: Parameters | undefined, key: ParameterKey) => list?.parameters.find((p) => p.key === key)?.current ?? null;
