import { useCallback, useState } from 'react';
import type { Response } from '../../../shared/api/contract';
import type { OperationName } from '../../../shared/api/operation-names';
import { call } from '../../api/call';
import { useLoaded } from '../../state/use-loaded';

export type SelfEvaluation = Response<'selfEvaluation.get'>;
export type SelfEvaluationArea = SelfEvaluation['areas'][number];

type Change = Extract<OperationName, `selfEvaluation.${string}`>;

/**
 * The self-evaluation as main holds it, and one way to change it: every change answers with the whole state, which
 * replaces the screen's copy; a refusal is shown in words and changes nothing.
 */
export function useSelfEvaluation() {
  const loaded = useLoaded(() => call('selfEvaluation.get', {}));
  const [state, setState] = useState<SelfEvaluation | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const change = useCallback(async <K extends Change>(operation: K, request: Parameters<typeof call<K>>[1]): Promise<boolean> => {
    try {
      const next = await call(operation, request) as SelfEvaluation;
      setState(next);
      setProblem(null);
      return true;
    } catch (error) {
      setProblem((error as Error).message);
      return false;
    }
  }, []);
  return { state: state ?? loaded.data, error: loaded.error, problem, change };
}
