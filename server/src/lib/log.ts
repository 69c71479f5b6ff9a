import { maskIdNumber, maskPhone } from '@gridgov/common';

/** Runs that look like a mainland mobile or an 18-character ID number, standing alone. */
const PII_RUN = /(?<![\dA-Za-z])(1[3-9]\d{9}|\d{17}[\dXx])(?![\dA-Za-z])/g;

/**
 * Masks phone- and ID-like numbers in free text (a URL typed by hand, a query string). The API never puts
 * them in URLs, but a log line must not leak one that a client put there by mistake.
 */
export function scrubPii(text: string): string {
  return text.replace(PII_RUN, (m) => (m.length === 11 ? maskPhone(m) : maskIdNumber(m)));
}

/** Fastify request serializer: the default fields, with the URL scrubbed. */
export function requestSerializer(req: { method: string; url: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }) {
  return { method: req.method, url: scrubPii(req.url), host: req.hostname, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}
