import { QueryClient } from '@tanstack/react-query';

/**
 * The cache of main's answers (TanStack Query). Tuned to behave as the views did before it: a view opening reads
 * afresh (nothing is kept once no view shows it: gcTime 0), an open view reloads only when a write touches its key
 * (staleTime Infinity; never on window focus or a timer), a refusal is shown at once (no retries), and calls are
 * never held back as "offline" (main is local: networkMode 'always').
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        gcTime: 0,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        networkMode: 'always',
      },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}

/** The app's one cache; the store drops it when a workspace opens or closes. */
export const queryClient = createQueryClient();
