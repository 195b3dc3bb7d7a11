// Loading state for one server read: re-fetches when `deps` change, drops stale answers, and
// exposes reload() for after a write.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError } from '../../shared/api';

export interface Remote<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

export function useRemote<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Remote<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    loadRef.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (cause: unknown) => {
        if (controller.signal.aborted) return;
        setError(
          cause instanceof ApiError
            ? cause
            : new ApiError({ type: 'about:blank', title: String(cause), status: 0, code: 'client_error' }),
        );
        setLoading(false);
      },
    );
    return () => controller.abort();
    // `load` is read through a ref so callers can pass an inline closure; `deps` alone decide
    // when to fetch again.
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload };
}
