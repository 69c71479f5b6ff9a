import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser } from '../../lib/scope.js';
import { pathInScope } from '../../lib/scope.js';
import type { AppEvent, EventHub } from './events.js';

/** Heartbeat interval (a comment line) so proxies keep the stream open and clients notice a dead server. */
export const sseSettings = { heartbeatMs: 15_000 };

/** Whether a user may see an event: their own notifications; case changes inside their scope or their department's. */
export function visibleTo(user: SessionUser, e: AppEvent): boolean {
  if (e.type === 'notification') return e.userId === user.id;
  if (e.type === 'scoped') return pathInScope(user, e.path) || (e.around === true && user.scopePath !== null && (user.scopePath + '.').startsWith(`${e.path}.`));
  if (pathInScope(user, e.path ?? null)) return true;
  return user.departmentId != null && (e.departmentIds ?? []).includes(user.departmentId);
}

/** What the client receives: the scope facts stay on the server. */
function wire(e: AppEvent): Record<string, unknown> {
  if (e.type === 'notification') return { id: e.id, kind: e.kind, title: e.title, caseId: e.caseId == null ? null : String(e.caseId) };
  if (e.type === 'scoped') return e.data;
  return { caseId: String(e.caseId), state: e.state, version: e.version };
}

/** Streams events to one user until they disconnect. */
export async function serveEvents(req: FastifyRequest, reply: FastifyReply, hub: EventHub, user: SessionUser, unread: number, streams: Set<() => void>): Promise<void> {
  await hub.start();
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no', // nginx: do not buffer the stream
  });
  let seq = 0;
  const send = (event: string, data: unknown) => {
    seq += 1;
    res.write(`id: ${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  res.write('retry: 5000\n\n');
  send('ready', { unread });
  const unsubscribe = hub.subscribe((e) => { if (visibleTo(user, e)) send(e.type === 'scoped' ? e.event : e.type, wire(e)); });
  const beat = setInterval(() => res.write(`: heartbeat ${Date.now()}\n\n`), sseSettings.heartbeatMs);
  beat.unref();
  let done = false;
  const end = () => {
    if (done) return;
    done = true;
    clearInterval(beat);
    unsubscribe();
    streams.delete(end);
    if (!res.writableEnded) res.end();
  };
  streams.add(end);
  req.raw.on('close', end);
  res.on('close', end);
  res.on('error', end);
}
