import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import {
  hasZodFastifySchemaValidationErrors, isResponseSerializationError, jsonSchemaTransform,
  serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { trustProxyOption } from './config.js';
import { AppError } from './lib/errors.js';
import { requestSerializer } from './lib/log.js';
import type { AppContext } from './lib/context.js';
import { authPlugin } from './modules/auth/index.js';
import { territoryRoutes } from './modules/territory/index.js';
import { peopleRoutes } from './modules/people/index.js';
import { usersRoutes } from './modules/users/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { departmentsRoutes } from './modules/departments/index.js';
import { catalogueRoutes } from './modules/catalogue/index.js';
import { worklistsRoutes } from './modules/worklists/index.js';
import { casesRoutes } from './modules/cases/index.js';
import { partyRoutes } from './modules/party/index.js';
import { systemRoutes } from './modules/system.routes.js';
import { notifyRoutes } from './modules/notify/index.js';
import { supervisionRoutes } from './modules/supervision/index.js';
import { publicRoutes } from './modules/public/index.js';
import { emergencyRoutes } from './modules/emergency/index.js';
import { analyticsRoutes } from './modules/analytics/index.js';
import { patrolModuleRoutes } from './modules/patrol/index.js';
import { reportsRoutes } from './modules/analytics/reports.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

const MAX_UPLOAD = 50 * 1024 * 1024;

export async function buildApp(ctx: AppContext, opts: { logger?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : {
      level: ctx.config.LOG_LEVEL,
      // Personal data never reaches logs: no bodies are logged, cookies are redacted, ID/phone-like runs in URLs masked.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      serializers: { req: requestSerializer },
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    trustProxy: trustProxyOption(ctx.config.TRUST_PROXY),
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        field: [err.validationContext, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      const msg = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: msg, details: { issues } } });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err: err.message }, 'response did not match its schema');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Response failed its schema' } });
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: err.message } });
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: 'VALIDATION_FAILED', message: err.message } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal error' } });
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD, files: 10 } });
  await app.register(swagger, {
    openapi: { info: { title: 'GridGov API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });

  await app.register(authPlugin);
  await app.register(async (api) => {
    await api.register(systemRoutes);
    await api.register(territoryRoutes, { prefix: '/territory' });
    await api.register(peopleRoutes);
    await api.register(usersRoutes);
    await api.register(auditRoutes);
    await api.register(departmentsRoutes);
    await api.register(notifyRoutes);
    await api.register(supervisionRoutes);
    await api.register(publicRoutes);
    await api.register(partyRoutes);
    await api.register(catalogueRoutes);
    await api.register(worklistsRoutes);
    await api.register(casesRoutes);
    await api.register(emergencyRoutes);
    await api.register(analyticsRoutes);
    await api.register(patrolModuleRoutes);
    await api.register(reportsRoutes);
    api.setNotFoundHandler((req, reply) =>
      reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No API route ${req.method} ${req.url.split('?')[0]}` } }));
  }, { prefix: '/api' });

  const webDist = ctx.config.WEB_DIST
    ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt web/dist is served without a restart.
    await app.register(fastifyStatic, { root: webDist, wildcard: true });
    // Single-page app: any non-API GET falls back to index.html.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
    });
  }
  return app;
}
