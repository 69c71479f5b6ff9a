import { json as post, publicCall } from '../public/api';

/** The one-time mobilisation link (GET/POST /api/mobilise/:token): no login, the token is the credential. */
export interface MobiliseLink {
  emergencyTitle: string;
  level: number;
  incidentType: string;
  gridName: string;
  /** Town, community and grid: where to report. */
  address: string;
  /** A point inside the grid (WGS-84), with the grid's own meeting-point text when it has one. */
  meetingPoint: { lon: number; lat: number; note: string | null } | null;
  /** Masked by the server (e.g. 王*上). */
  name: string;
  state: 'called' | 'confirmed' | 'declined' | 'checked_in';
  checkedInAt: string | null;
  distanceM: number | null;
}

// No cookies: the token is the credential, even on a phone where a staff member is logged in.
const call = <T>(path: string, init: RequestInit = {}) => publicCall<T>(path, { credentials: 'omit', ...init });

const at = (token: string) => `/mobilise/${encodeURIComponent(token)}`;

export const fetchLink = (token: string) => call<MobiliseLink>(at(token));
export const confirmLink = (token: string, accept: boolean) => call<MobiliseLink>(`${at(token)}/confirm`, post({ accept }));
export const checkIn = (token: string, p: { lon: number; lat: number; accuracyM?: number }) => call<MobiliseLink>(`${at(token)}/check-in`, post(p));
