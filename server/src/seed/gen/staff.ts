import { randInt, type NameParts, type Rng } from '../factories.js';
import type { AccountRec, GridStaffRec } from '../types.js';
import { staffName } from './residents.js';
import type { GenCommunity, GenDistrict, GenGrid } from './territory.js';

/** Password of every demo staff account (not admin). */
export const DEMO_PASSWORD = 'Gridgov2026';

/** The demo cast: who logs in as what. Grid A/B are the first two basic grids of 会城街道's first community. */
const CAST = {
  leader: '陈伟强', workerA: '林嘉怡', workerB: '何俊杰', police: '赵志勇', aux: '吴家豪',
};

/**
 * Grid staff for every grid: "一网一民警一辅警一义警" plus the grid leader and 1–3 full-time grid workers
 * (江海: exactly 383 full-time workers over its 190 grids).
 */
export function buildStaff(districts: GenDistrict[], rng: Rng, parts: NameParts, demoCommunity: GenCommunity): GridStaffRec[] {
  const out: GridStaffRec[] = [];
  const [gridA, gridB] = demoCommunity.grids as [GenGrid, GenGrid];
  for (const d of districts) {
    const basics = d.towns.flatMap((t) => t.communities).flatMap((c) => c.grids);
    // 江海: two workers per basic grid and a third in a few, so the district has exactly its 383 full-time workers.
    const workersFor = new Map<string, number>();
    if (d.plan.code6 === '440704') {
      const dedicated = d.towns.flatMap((t) => t.communities).reduce((n, c) => n + c.dedicated.length, 0);
      const extra = 383 - 2 * basics.length - dedicated; // dedicated grids have one worker each
      const third = new Set(Array.from({ length: extra }, (_, k) => Math.floor(((k + 0.5) * basics.length) / extra)));
      basics.forEach((g, k) => workersFor.set(g.code, third.has(k) ? 3 : 2));
    }
    for (const c of d.towns.flatMap((t) => t.communities)) {
      for (const g of [...c.grids, ...c.dedicated]) {
        const since = (y0: number) => `${randInt(rng, y0, 2025)}-${String(randInt(rng, 1, 12)).padStart(2, '0')}-01`;
        const add = (role: string, name: string, s: string, account?: string) => out.push({ gridCode: g.code, role, name, since: s, ...(account ? { account } : {}) });
        const isA = g === gridA;
        const isB = g === gridB;
        const inDemo = c === demoCommunity && g.gridKind === 'basic';
        add('grid_leader', isA ? CAST.leader : staffName(rng, parts), d.plan.gridSince, isA ? 'leader.g1' : undefined);
        const workers = g.gridKind === 'dedicated' ? 1 : workersFor.get(g.code) ?? randInt(rng, 1, 3);
        for (let k = 0; k < workers; k++) {
          const acct = k === 0 && isA ? 'worker.g1' : k === 0 && isB ? 'worker.g2' : undefined;
          add('grid_worker', acct === 'worker.g1' ? CAST.workerA : acct === 'worker.g2' ? CAST.workerB : staffName(rng, parts), since(2019), acct);
        }
        add('police_officer', inDemo ? CAST.police : staffName(rng, parts), d.plan.gridSince, inDemo ? 'police.g1' : undefined);
        add('auxiliary_police', inDemo ? CAST.aux : staffName(rng, parts), d.plan.gridSince, inDemo ? 'auxpolice.g1' : undefined);
        if (g.gridKind === 'basic') {
          const volunteers = c.town.plan.name === '睦洲镇' ? randInt(rng, 3, 5) : randInt(rng, 1, 3);
          for (let k = 0; k < volunteers; k++) add('volunteer_police', staffName(rng, parts), '2022-05-28');
        }
      }
    }
  }
  return out;
}

export function buildAccounts(xinhui: GenDistrict, jianghai: GenDistrict, demoCommunity: GenCommunity, staff: GridStaffRec[]): AccountRec[] {
  const huicheng = demoCommunity.town;
  const [gridA, gridB] = demoCommunity.grids as [GenGrid, GenGrid];
  const pinyin = demoCommunity.nameEn.split(' ')[0]!.toLowerCase().replace(/[^a-z]/g, '');
  const links = (username: string) => staff.filter((s) => s.account === username).map((s) => ({ gridCode: s.gridCode, role: s.role }));
  const a = (username: string, role: string, displayName: string, unit: { code: string; name: string } | null, note: string, departmentCode: string | null = null): AccountRec => ({
    username, password: role === 'admin' ? null : DEMO_PASSWORD, role, displayName, homeUnitCode: unit?.code ?? null,
    homeUnitName: unit?.name ?? null, departmentCode, gridStaff: links(username), note,
  });
  const xh = { code: xinhui.code, name: xinhui.plan.name };
  const hc = { code: huicheng.code, name: huicheng.plan.name };
  const cm = { code: demoCommunity.code, name: demoCommunity.name };
  return [
    a('admin', 'admin', '系统管理员', null, 'password: GRIDGOV_ADMIN_PASSWORD, else generated and printed once at first start'),
    a('centre.xinhui', 'centre_operator', '陈慧敏', xh, '新会区综治中心'),
    a('centre.jianghai', 'centre_operator', '梁嘉欣', { code: jianghai.code, name: jianghai.plan.name }, '江海区综治中心'),
    a('street.huicheng', 'street_cadre', '黄国强', hc, '会城街道干部'),
    a(`community.${pinyin}`, 'community_cadre', '李淑贞', cm, `${demoCommunity.name}干部`),
    a('leader.g1', 'grid_leader', CAST.leader, { code: gridA.code, name: gridA.name }, '网格长 of grid A'),
    a('worker.g1', 'grid_worker', CAST.workerA, { code: gridA.code, name: gridA.name }, '专职网格员 of grid A'),
    a('worker.g2', 'grid_worker', CAST.workerB, { code: gridB.code, name: gridB.name }, '专职网格员 of grid B'),
    a('police.g1', 'police_officer', CAST.police, cm, `社区民警 for every grid of ${demoCommunity.name}`),
    a('auxpolice.g1', 'auxiliary_police', CAST.aux, cm, `辅警 for every grid of ${demoCommunity.name}`),
    a('mediator.huicheng', 'mediator', '谭秀英', hc, '会城街道调解员'),
    a('dept.chengguan', 'department_officer', '冯建华', xh, '新会区城管局', `${xinhui.plan.code6}-chengguan`),
    a('party.huicheng', 'party_secretary', '梁国栋', hc, '会城街道党工委书记'),
    a('resident.demo', 'resident', '张小明', null, 'resident account, no home unit'),
  ];
}
