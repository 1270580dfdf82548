import { ApiError } from '../api/client.ts';

/** The server localises `message` from Accept-Language, so it is shown as given. */
export function errorMessage(err: unknown, fallback: string): string {
  if (err instanceof ApiError && err.code !== 'MENHU_ERR_NETWORK' && err.message) return err.message;
  return fallback;
}
