// What the till shows when a request fails: the server's problem detail (or title), else the error.
import { ApiError } from '../../shared/api';

export const problemMessage = (e: unknown): string => (e instanceof ApiError ? (e.problem.detail ?? e.problem.title) : String(e));
