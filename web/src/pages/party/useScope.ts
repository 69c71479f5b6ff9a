import { useSearchParams } from 'react-router';

/** The unit the party pages look at (?unitId=, kept when switching tabs); undefined = the user's whole scope. */
export function useScopeUnit(): [string | undefined, (id: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  return [unitId, (id) => setParams(id ? { unitId: id } : {})];
}
