import { describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import sharp from 'sharp';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '@gridgov/common';
import { AppError } from '../../lib/errors.js';
import { tokenBucket } from '../public/ratelimit.js';
import { idempotencyKeyOf, idempotencyScope, requestHash } from './idempotency.js';
import { parseBody } from './intake.request.js';
import { publicReportBody, staffIntakeBody } from './intake.schema.js';
import { trackingNumber } from './intake.service.js';
import { inspectPhoto, inspectPhotos, sniff } from './photos.js';
import { GIF, jpeg, png, webp } from './intake.fixture.js';

/** The intake rules that need no database: content sniffing, limits, tracking numbers, keys, input schemas. */
const codeOf = async (p: Promise<unknown>) => p.then(() => null, (e: AppError) => `${e.status} ${e.code}`);

describe('photos by content', () => {
  it('sniffs the format from the first bytes, whatever the name says', async () => {
    expect(sniff(await jpeg())).toBe('jpeg');
    expect(sniff(await png())).toBe('png');
    expect(sniff(await webp())).toBe('webp');
    expect(sniff(GIF)).toBe('gif');
    expect(sniff(Buffer.from('just text'))).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
  });

  it('refuses other formats with 415, undecodable images with 400, oversize with 413, a 10th photo with 400', async () => {
    expect(await codeOf(inspectPhoto({ filename: 'a.jpg', data: Buffer.from('not an image') }))).toBe('415 UNSUPPORTED_MEDIA_TYPE');
    expect(await codeOf(inspectPhoto({ filename: 'a.gif', data: GIF }))).toBe('415 UNSUPPORTED_MEDIA_TYPE');
    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('garbage after the magic')]);
    expect(await codeOf(inspectPhoto({ filename: 'x.jpg', data: fakeJpeg }))).toBe('400 BAD_FILE');
    const big = Buffer.concat([await jpeg(), Buffer.alloc(MAX_PHOTO_BYTES)]);
    expect(await codeOf(inspectPhoto({ filename: 'big.jpg', data: big }))).toBe('413 PAYLOAD_TOO_LARGE');
    const one = { filename: 'p.jpg', data: await jpeg() };
    expect(await codeOf(inspectPhotos(Array.from({ length: MAX_PHOTOS + 1 }, () => one)))).toBe('400 VALIDATION_FAILED');
    expect((await inspectPhotos(Array.from({ length: MAX_PHOTOS }, () => one))).length).toBe(MAX_PHOTOS);
  });

  it('makes an upright thumbnail at most 320 px, and keeps the original bytes and their hash', async () => {
    const data = await png();
    const p = await inspectPhoto({ filename: 'p.png', data });
    expect(p).toMatchObject({ mime: 'image/png', bytes: data.length });
    expect(p.data.equals(data)).toBe(true);
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    const m = await sharp(p.thumb).metadata();
    expect(m.format).toBe('jpeg');
    expect([m.width, m.height]).toEqual([320, 256]);
    // Small photos are not enlarged.
    const small = await sharp((await inspectPhoto({ filename: 's.webp', data: await webp() })).thumb).metadata();
    expect(small.width).toBe(40);
  });
});

describe('tracking numbers', () => {
  it('are the Shanghai date and the case id: short, unique, readable', () => {
    // 17:00 UTC on the 23rd is already the 24th in Shanghai.
    expect(trackingNumber(new Date('2026-11-23T17:00:00Z'), 42)).toBe('261124000042');
    expect(trackingNumber(new Date('2026-11-23T15:59:59Z'), 1234567)).toBe('2611231234567');
  });
});

describe('Idempotency-Key', () => {
  const req = (v?: string) => ({ headers: v === undefined ? {} : { 'idempotency-key': v } }) as unknown as FastifyRequest;
  it('is optional, printable ASCII, at most 200 characters; scoped per user or public', () => {
    expect(idempotencyKeyOf(req())).toBeUndefined();
    expect(idempotencyKeyOf(req('abc-123_XYZ'))).toBe('abc-123_XYZ');
    expect(() => idempotencyKeyOf(req('has space'))).toThrow(AppError);
    expect(() => idempotencyKeyOf(req('x'.repeat(201)))).toThrow(AppError);
    expect(idempotencyScope(7)).toBe('user:7');
    expect(idempotencyScope(null)).toBe('public');
    expect(requestHash({ a: 1 })).toBe(requestHash({ a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });
});

describe('input schemas', () => {
  const ok = { category: 'env.garbage', description: '垃圾', lat: '22.5', lng: '113.0' };
  it('coerce form text to numbers, default to WGS84, count characters not bytes', () => {
    const v = parseBody(publicReportBody, ok);
    expect(v).toMatchObject({ lat: 22.5, lng: 113, coordSystem: 'wgs84', anonymous: false, extra: {} });
    expect(() => parseBody(publicReportBody, { ...ok, description: '字'.repeat(4000) })).not.toThrow();
    expect(() => parseBody(publicReportBody, { ...ok, description: '字'.repeat(4001) })).toThrow(/at most 4000/);
  });

  it('name the bad field in a VALIDATION_FAILED error', () => {
    const err = (() => { try { parseBody(publicReportBody, { ...ok, phone: '123' }); } catch (e) { return e as AppError; } return null; })();
    expect(err?.code).toBe('VALIDATION_FAILED');
    expect(err?.details.field).toBe('phone');
    expect(err?.message).not.toContain('123'); // the number itself never goes into messages (or logs)
    expect(() => parseBody(staffIntakeBody, { ...ok, channel: 'web' })).toThrow(/channel/);
    expect(() => parseBody(publicReportBody, { ...ok, lat: 'north' })).toThrow(/lat/);
    expect(() => parseBody(publicReportBody, { ...ok, lat: null })).toThrow(/lat/);
    expect(() => parseBody(publicReportBody, { ...ok, lng: '' })).toThrow(/lng/);
    expect(() => parseBody(publicReportBody, { ...ok, lng: 181 })).toThrow(/lng/);
    expect(() => parseBody(publicReportBody, { ...ok, category: undefined })).toThrow(/category/);
  });
});

describe('per-IP token bucket', () => {
  it('allows a burst, then refills at the given rate; off means off', async () => {
    let now = 0;
    let on = true;
    const limit = tokenBucket({ capacity: 3, perMinute: 60, enabled: () => on, now: () => now });
    const headers: Record<string, string> = {};
    const reply = { header: (k: string, v: string) => { headers[k] = v; return reply; } } as unknown as FastifyReply;
    const call = (ip: string) => limit({ ip } as FastifyRequest, reply).then(() => 'ok', (e: AppError) => e.code);
    expect([await call('a'), await call('a'), await call('a'), await call('a')]).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
    expect(headers['retry-after']).toBe('1');
    expect(await call('b')).toBe('ok'); // another IP has its own bucket
    now += 1000;
    expect([await call('a'), await call('a')]).toEqual(['ok', 'RATE_LIMITED']);
    on = false;
    expect(await call('a')).toBe('ok');
  });
});
