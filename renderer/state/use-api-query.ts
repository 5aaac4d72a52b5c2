import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Request, Response } from '../../shared/api/contract';
import { call } from '../api/call';
import { messageOf } from './errors';
import { queryKey, type ReadOperation } from './query-keys';

/**
 * A view's data from main, cached under `[operation, request]`: read when the view opens, and again only when a write
 * touches that key (query-keys.ts) or the view asks (reload). Error is main's refusal in words.
 */
export function useApiQuery<K extends ReadOperation>(
  operation: K,
  request: Request<K>,
  options: { enabled?: boolean } = {},
) {
  const query = useQuery({
    queryKey: queryKey(operation, request),
    queryFn: () => call(operation, request),
    enabled: options.enabled ?? true,
    // A view whose request changes (a filter, a page, another item) keeps showing what it had until the answer comes.
    placeholderData: keepPreviousData,
  });
  const { refetch } = query;
  const reload = useCallback(() => {
    void refetch();
  }, [refetch]);
  return {
    data: (query.data ?? null) as Response<K> | null,
    error: query.error ? messageOf(query.error) : null,
    reload,
  };
}
