import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { locateResponseSchema } from '@gridgov/common';
import { idParam, toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import * as repo from './territory.repo.js';
import * as grids from './grid.repo.js';
import * as service from './territory.service.js';
import { locate, toWgs84 } from './locate.service.js';
import { importRoutes } from './import.routes.js';
import { redrawRoutes } from './redraw.routes.js';
import {
  geojsonQuery, gridTypeItem, listUnitsQuery, locateQuery, profileBody, unitDetail, unitItem,
} from './territory.schema.js';

const params = z.object({ id: idParam });
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(2000).default(500) });

export const territoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  await app.register(importRoutes);
  await app.register(redrawRoutes);

  app.get('/units', { schema: { querystring: listUnitsQuery, response: { 200: z.object({ items: z.array(unitItem) }) } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    const q = req.query;
    const rows = await repo.listUnits(db, user, {
      kind: q.kind, parentId: q.parentId ? toId(q.parentId) : undefined, q: q.q,
      includeHistory: q.includeHistory === 'true', limit: q.limit,
    });
    return { items: rows.map(service.presentUnit) };
  });

  app.get('/units/roots', { schema: { response: { 200: z.object({ items: z.array(unitItem) }) } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    return { items: (await repo.rootUnits(db, user)).map(service.presentUnit) };
  });

  app.get('/units/:id', { schema: { params, response: { 200: unitDetail } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    return service.unitDetail(db, user, toId(req.params.id));
  });

  app.patch('/units/:id/profile', { schema: { params, body: profileBody, response: { 200: z.object({ profile: z.record(z.string(), z.unknown()) }) } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.write');
    return { profile: await service.updateProfile(db, user, actorOf(req), toId(req.params.id), req.body) };
  });

  app.get('/units/:id/buildings', { schema: { params, querystring: limitQuery } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    const u = await service.unitInScope(db, user, toId(req.params.id));
    const rows = await grids.buildingsUnder(db, u.path, req.query.limit);
    return { items: rows.map((b) => ({ id: b.id, code: b.code, name: b.name, address: b.address, floors: b.floors, estate: b.estate, gridId: b.grid_id, lng: Number(b.lng), lat: Number(b.lat), stairways: b.stairways, households: b.households })) };
  });

  app.get('/units/:id/key-sites', { schema: { params, querystring: limitQuery } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    const u = await service.unitInScope(db, user, toId(req.params.id));
    const rows = await grids.keySitesUnder(db, u.path, req.query.limit);
    return { items: rows.map((k) => ({ id: k.id, name: k.name, kind: k.kind, address: k.address, gridId: k.grid_id, lng: Number(k.lng), lat: Number(k.lat) })) };
  });

  app.get('/units/:id/staff', { schema: { params, querystring: limitQuery } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    const u = await service.unitInScope(db, user, toId(req.params.id));
    const rows = await grids.staffUnder(db, u.path, req.query.limit);
    return { items: rows.map((s) => ({ id: s.id, gridId: s.grid_id, role: s.role, name: s.name, phone: s.phone_masked, userId: s.user_id, since: s.since })) };
  });

  app.get('/units/:id/layouts', { schema: { params } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    const u = await service.unitInScope(db, user, toId(req.params.id));
    const communityId = u.kind === 'community' ? Number(u.id) : u.kind === 'grid' ? Number(u.parent_id) : null;
    if (communityId === null) return { items: [] };
    const rows = await grids.layoutsOfCommunity(db, communityId);
    return { items: rows.map((l) => ({ id: l.id, effectiveAt: new Date(l.effective_at).toISOString(), note: l.note, summary: l.summary, grids: l.grids })) };
  });

  app.get('/grid-types', { schema: { response: { 200: z.object({ items: z.array(gridTypeItem) }) } } }, async (req) => {
    requirePermission(req.user, 'territory.read');
    return { items: (await grids.listGridTypes(db)).map(service.presentGridType) };
  });

  app.get('/grids.geojson', { schema: { querystring: geojsonQuery } }, async (req, reply) => {
    const user = requirePermission(req.user, 'territory.read');
    const unitPath = req.query.unitId ? (await service.unitInScope(db, user, toId(req.query.unitId))).path : undefined;
    const fc = await repo.gridsGeojson(db, user, { unitPath, kind: req.query.kind, at: req.query.at ? new Date(req.query.at) : undefined });
    return reply.type('application/geo+json; charset=utf-8').send(fc);
  });

  // Public: the resident's report form and other systems locate points without an account.
  app.get('/locate', { schema: { querystring: locateQuery, response: { 200: locateResponseSchema } } }, async (req) => {
    const { lat, lng, coordSystem, at } = req.query;
    const [x, y] = toWgs84(lng, lat, coordSystem);
    return locate(db, x, y, at ? new Date(at) : new Date());
  });
};
