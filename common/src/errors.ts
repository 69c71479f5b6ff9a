/** Every error code the API can answer with, and its HTTP status. Exhaustive: a new code needs a status. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_FILE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 404,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_CRS: 422,
  IMPORT_REJECTED: 422,
  INVALID_GEOMETRY: 422,
  OUTSIDE_TERRITORY: 422,
  ILLEGAL_TRANSITION: 409,
  CASE_INVALID_TRANSITION: 409,
  CASE_VERSION_CONFLICT: 409,
  GRID_NOT_ADMITTED: 403,
  UNKNOWN_CATEGORY: 422,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_CONFLICT: 409,
  /** The category is not taken on this channel (guidance such as "call 110" in the message). */
  CATEGORY_NOT_FOR_CHANNEL: 422,
  /** Check-in farther from the key site than allowed (details.distanceM, details.limitM). */
  GEOFENCE_TOO_FAR: 422,
  /** The district's field policy has check-ins off (peacetime default, DOMAIN.md §9). */
  CHECKINS_OFF: 403,
  RATE_LIMITED: 429,
  NOT_READY: 503,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details?: Record<string, unknown> };
}
