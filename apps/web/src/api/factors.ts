/** ACC-3 登入安全 overview: every bound factor with its last use. */
import { useQuery } from '@tanstack/react-query';
import type { FactorList } from '@menhu/contracts';
import { api } from './client.ts';

export function useFactors() {
  return useQuery({ queryKey: ['me', 'factors'], queryFn: () => api<FactorList>('/api/me/factors') });
}
