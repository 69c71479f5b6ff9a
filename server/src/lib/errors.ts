import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '@gridgov/common';

/** The one error type. Thrown anywhere; the app's error handler turns it into `{error:{code,message,details}}`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** The body of every error answer, for route response schemas (what the app's error handler sends). */
export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) });

export const notFound = (what: string, id?: string | number) =>
  new AppError('NOT_FOUND', `${what}${id !== undefined ? ` ${id}` : ''} not found`, id !== undefined ? { id: String(id) } : {});
