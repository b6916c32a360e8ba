import type { z } from 'zod';
import { ERROR_CODES, isErrorCode, type ErrorBody } from '../../../shared/errors';

/**
 * The first zod issue as the error envelope: the field path (`unit.uscc`), the Chinese message,
 * and a precise code when the schema attached one (e.g. INVALID_USCC).
 */
export function zodIssueToError(error: z.ZodError): ErrorBody {
  const issue = error.issues[0];
  if (!issue) return { code: 'VALIDATION_FAILED', message: ERROR_CODES.VALIDATION_FAILED };
  const params = 'params' in issue ? (issue.params as Record<string, unknown> | undefined) : undefined;
  const code = params && isErrorCode(params['code']) ? params['code'] : 'VALIDATION_FAILED';
  const field = issue.path.map(String).join('.');
  return field ? { code, message: issue.message, field } : { code, message: issue.message };
}
