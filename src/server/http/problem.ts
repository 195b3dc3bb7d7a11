// One HTTP error mapper (RFC 9457 problem+json). A business refusal is a `Problem` with a stable
// `code` and, where a field caused it, that field; anything else is a bug and becomes a 500.
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
  }

  toBody(): ProblemBody {
    return {
      type: `https://cangshou.dev/problems/${this.code}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      code: this.code,
      detail: this.detail,
      ...(this.errors?.length ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export const badRequest = (code: string, detail: string, field?: string) =>
  new Problem(400, code, detail, field ? [{ field, message: detail }] : undefined);
export const notFound = (what: string, field?: string) =>
  new Problem(404, 'not_found', `${what} not found`, field ? [{ field, message: `${what} not found` }] : undefined);
export const conflict = (code: string, detail: string, field?: string, extra?: Record<string, unknown>) =>
  new Problem(409, code, detail, field ? [{ field, message: detail }] : undefined, extra);
export const unprocessable = (code: string, detail: string, field?: string, extra?: Record<string, unknown>) =>
  new Problem(422, code, detail, field ? [{ field, message: detail }] : undefined, extra);
export const unauthorized = (code = 'unauthenticated', detail = 'Log in first') => new Problem(401, code, detail);
export const forbidden = (detail = 'You do not have permission to do this') => new Problem(403, 'forbidden', detail);
