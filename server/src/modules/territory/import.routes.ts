import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { gridsForExport, toFeatureCollection, toWorkbook } from './export/grids.export.js';
import { importAttributesFile } from './import/attributes.service.js';
import { importGridFile } from './import/grids.service.js';
import { GRID_FILE_TYPES } from './import/read-file.js';
import { isTrue, readUpload } from './import/upload.js';
import { attributeImportResult, dryRunQuery, exportQuery, gridImportResult } from './import.schema.js';
import { unitInScope } from './territory.service.js';

/**
 * Boundary and attribute import, GeoJSON/Excel export, under /api/territory. A rejected import answers 422
 * IMPORT_REJECTED with the same result body under error.details.
 */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.post('/import/grids', { schema: { querystring: dryRunQuery, response: { 200: gridImportResult } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.import');
    const upload = await readUpload(req, GRID_FILE_TYPES);
    const dryRun = isTrue(upload.fields.dryRun) || req.query.dryRun === 'true';
    return importGridFile(db, user, actorOf(req), upload, { dryRun });
  });

  app.post('/import/attributes', { schema: { querystring: dryRunQuery, response: { 200: attributeImportResult } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.import');
    const upload = await readUpload(req, 'an Excel .xlsx workbook');
    const dryRun = isTrue(upload.fields.dryRun) || req.query.dryRun === 'true';
    return importAttributesFile(db, user, actorOf(req), upload, { dryRun });
  });

  app.get('/export/grids.geojson', { schema: { querystring: exportQuery } }, async (req, reply) => {
    const user = requirePermission(req.user, 'territory.read');
    const unitPath = req.query.unitId ? (await unitInScope(db, user, toId(req.query.unitId))).path : undefined;
    const fc = toFeatureCollection(await gridsForExport(db, user, unitPath));
    return reply.type('application/geo+json; charset=utf-8')
      .header('content-disposition', attachment('grids.geojson', '网格.geojson'))
      .send(JSON.stringify(fc));
  });

  app.get('/export/grids.xlsx', { schema: { querystring: exportQuery } }, async (req, reply) => {
    const user = requirePermission(req.user, 'territory.read');
    const unitPath = req.query.unitId ? (await unitInScope(db, user, toId(req.query.unitId))).path : undefined;
    const buf = await toWorkbook(await gridsForExport(db, user, unitPath, false));
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment('grids.xlsx', '网格.xlsx'))
      .send(buf);
  });
};

const attachment = (ascii: string, utf8: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`;
