import { useCallback, useState } from 'react';
import type { Request, Response } from '../../../shared/api/contract';
import { useApiQuery } from '../../state/use-api-query';
import { write } from '../../state/write';
import type { WriteOperation } from '../../state/query-keys';
import { useAction } from '../../state/use-action';

export type SelfEvaluation = Response<'selfEvaluation.get'>;
export type SelfEvaluationArea = SelfEvaluation['areas'][number];

type Change = Extract<WriteOperation, `selfEvaluation.${string}`>;

/**
 * The self-evaluation as main holds it, and one way to change it: every change answers with the whole state, which
 * replaces the screen's copy; a refusal is shown in words and changes nothing.
 */
export function useSelfEvaluation() {
  const loaded = useApiQuery('selfEvaluation.get', {});
  const [state, setState] = useState<SelfEvaluation | null>(null);
  const { run, problem } = useAction();
  const change = useCallback(
    <K extends Change>(operation: K, request: Request<K>): Promise<boolean> =>
      run(async () => setState((await write(operation, request)) as SelfEvaluation)),
    [run],
  );
  return { state: state ?? loaded.data, error: loaded.error, problem, change };
}
