// The one HTTP client of the web apps. Every call goes to /api/v1 on the same origin with the
// session cookie; every failure becomes an ApiError carrying the server's RFC 9457 problem, so
// screens can show `detail` and forms can put `errors[].field` messages next to their fields.

export const API_BASE = '/api/v1';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details as the server sends them (application/problem+json). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || problem.code);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** `?a=1&b=x` from the non-empty values of `query` ('' and null/undefined are left out). */
export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function apiUrl(path: string, query?: Query): string {
  return `${API_BASE}${path}${toQueryString(query)}`;
}

type UnauthorizedHandler = () => void;

let unauthorizedHandler: UnauthorizedHandler = () => {
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  window.location.assign(`/office/login?next=${next}`);
};

/** The session layer installs its own handler so a 401 goes to the login screen through the router. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  unauthorizedHandler = handler;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** A 401 is an expected answer here (login, session probe): do not leave the page. */
  allowUnauthorized?: boolean;
  /** Extra request headers, e.g. Idempotency-Key for a write that must not repeat on retry. */
  headers?: Record<string, string>;
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: `http_${response.status}`,
  };
  try {
    if (type.includes('json')) {
      const body = (await response.json()) as Partial<Problem>;
      return { ...fallback, ...body, status: body.status ?? response.status };
    }
    const text = (await response.text()).trim();
    return text ? { ...fallback, detail: text.slice(0, 500) } : fallback;
  } catch {
    return fallback;
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'network_error',
      detail: cause instanceof Error ? cause.message : String(cause),
    });
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !options.allowUnauthorized) unauthorizedHandler();
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return (await response.text()) as T;
  return (await response.json()) as T;
}

/** The file name a download's Content-Disposition gives (RFC 6266 filename* first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(disposition ?? '');
  return plain ? plain[1] : fallback;
}

/** GET a file (an export) with the session; failures become ApiError like every other call. */
export async function fetchFile(path: string, query?: Query): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), { credentials: 'same-origin', headers: { Accept: '*/*' } });
  } catch (cause) {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error', detail: cause instanceof Error ? cause.message : String(cause) });
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401) unauthorizedHandler();
    throw new ApiError(problem);
  }
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition'), 'export') };
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
