import { describe, expect, it } from 'vitest';
import { splitTrack } from '@gridgov/common';
import { checkBatch, pointRejection, type PatrolForPoints } from './points.rules.js';
import { clientTime } from './patrol.service.js';
import { isoWeekKey, localDate, parseTaskId, periodOf, periodOfKey } from './periods.js';

const NOW = new Date('2026-12-02T02:00:00Z');
const patrol: PatrolForPoints = { userId: 1, startedAt: new Date('2026-12-02T01:00:00Z'), stoppedAt: null, pauses: [{ from: '2026-12-02T01:20:00.000Z', to: '2026-12-02T01:30:00.000Z' }] };
const p = (over: Record<string, unknown> = {}) => ({ t: '2026-12-02T01:10:00Z', lat: 30.2, lng: 76.5, accuracy: 10, ...over });

describe('point rules', () => {
  it('names each bad point', () => {
    expect(pointRejection(p(), patrol, NOW)).toBeNull();
    expect(pointRejection(p({ lat: -90.1 }), patrol, NOW)).toBe('OUT_OF_RANGE');
    expect(pointRejection(p({ lng: 180.5 }), patrol, NOW)).toBe('OUT_OF_RANGE');
    expect(pointRejection(p({ t: 'now' }), patrol, NOW)).toBe('INVALID_TIME');
    expect(pointRejection(p({ t: '2026-12-02T02:01:59Z' }), patrol, NOW)).toBeNull(); // within the clock skew
    expect(pointRejection(p({ t: '2026-12-02T02:02:01Z' }), patrol, NOW)).toBe('IN_FUTURE');
    expect(pointRejection(p({ accuracy: 200 }), patrol, NOW)).toBeNull();
    expect(pointRejection(p({ accuracy: 200.1 }), patrol, NOW)).toBe('LOW_ACCURACY');
    expect(pointRejection(p({ t: '2026-12-02T00:57:00Z' }), patrol, NOW)).toBe('BEFORE_START');
    expect(pointRejection(p({ t: '2026-12-02T01:25:00Z' }), patrol, NOW)).toBe('DURING_PAUSE');
    expect(pointRejection(p({ t: '2026-12-02T01:40:00Z' }), { ...patrol, stoppedAt: new Date('2026-12-02T01:35:00Z') }, NOW)).toBe('PATROL_STOPPED');
  });

  it('rejects a batch point by point and the second point of one instant as DUPLICATE', () => {
    const r = checkBatch([p(), p({ lat: 95 }), p(), p({ t: '2026-12-02T01:11:00Z' })], patrol, NOW, null);
    expect(r.good.map((g) => g.index)).toEqual([0, 3]);
    expect(r.rejected).toEqual([{ index: 1, code: 'OUT_OF_RANGE' }, { index: 2, code: 'DUPLICATE' }]);
    expect(checkBatch([p(), p()], patrol, NOW, 'TRACKING_OFF').rejected.map((x) => x.code)).toEqual(['TRACKING_OFF', 'TRACKING_OFF']);
  });
});

describe('duty periods (Asia/Shanghai)', () => {
  it('takes the local day, ISO weeks and months', () => {
    expect(localDate(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02'); // 00:00 in Shanghai
    expect(localDate(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(isoWeekKey('2026-12-02')).toBe('2026-W49');
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53'); // a Friday: the week of 2026's last Thursday
    expect(isoWeekKey('2026-01-01')).toBe('2026-W01');
    expect(periodOf('weekly', '2026-12-06')).toEqual({ key: '2026-W49', start: '2026-11-30', end: '2026-12-06' });
    expect(periodOf('monthly', '2026-02-10')).toEqual({ key: '2026-02', start: '2026-02-01', end: '2026-02-28' });
    expect(periodOfKey('weekly', '2026-W49')).toEqual({ key: '2026-W49', start: '2026-11-30', end: '2026-12-06' });
    expect(periodOfKey('weekly', '2026-W60')).toBeNull();
    expect(periodOfKey('monthly', '2026-13')).toBeNull();
    expect(periodOfKey('daily', '2026-02-30')).toBeNull();
    expect(parseTaskId('12:safety_check:2026-W49')).toEqual({ gridId: 12, dutyCode: 'safety_check', periodKey: '2026-W49' });
    expect(parseTaskId('12:x:y')).toBeNull();
  });
});

describe('track gaps', () => {
  it('splits at pauses and at silences longer than the gap', () => {
    const at = (m: number) => new Date(Date.UTC(2026, 11, 2, 1, m)).toISOString();
    const pts = [0, 1, 12, 13, 30].map((m) => ({ t: at(m), lat: 0, lng: 0, accuracy: 5 }));
    const r = splitTrack(pts, [{ from: at(5), to: at(10) }]);
    expect(r.segments.map((s) => s.length)).toEqual([2, 2, 1]);
    expect(r.gaps).toEqual([{ from: at(1), to: at(12), reason: 'pause' }, { from: at(13), to: at(30), reason: 'no_signal' }]);
  });
});

describe('phone times', () => {
  it('clamps a fast clock to now and an early time to the floor; refuses a queue older than a week', () => {
    expect(clientTime(undefined, NOW, 'at')).toEqual(NOW);
    expect(clientTime('2026-12-02T02:30:00Z', NOW, 'at')).toEqual(NOW);
    expect(clientTime('2026-12-02T01:00:00Z', NOW, 'at')).toEqual(new Date('2026-12-02T01:00:00Z'));
    expect(clientTime('2026-12-02T00:00:00Z', NOW, 'at', patrol.startedAt)).toEqual(patrol.startedAt);
    expect(() => clientTime('2026-11-24T00:00:00Z', NOW, 'at')).toThrow(/more than 7 days old/);
    expect(() => clientTime('soon', NOW, 'at')).toThrow(/ISO 8601/);
  });
});
