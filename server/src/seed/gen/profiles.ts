import { pick, randInt, type Rng } from '../factories.js';
import type { GenGrid } from './territory.js';

/** Grid profile (人口特点、工作重点、隐患风险) vocabulary per grid type, as the Xinhui survey of its 817 grids lists them. */
const TRAITS: Record<string, string[]> = {
  urban: ['流动人口多', '出租屋集中', '老旧小区多', '沿街商铺密集', '新建商品房小区', '老年人口占比高', '侨眷户较多', '双职工家庭多'],
  rural: ['老年人口占比高', '青壮年外出务工多', '留守儿童较多', '侨眷户集中', '土地纠纷易发', '陈皮种植户多', '水产养殖户多', '祠堂宗族观念强'],
  market_park: ['企业集中', '外来务工人员多', '危化品企业', '物流车辆多', '员工宿舍集中', '两新组织多'],
  specialised: ['人员密集', '早晚高峰人流大', '周边摊贩多', '车辆进出频繁'],
};
const KEY_WORK: Record<string, string[]> = {
  urban: ['出租屋和流动人口管理', '电动车充电安全整治', '垃圾分类督导', '老旧小区改造协调', '独居老人关爱', '反诈宣传', '物业矛盾调处', '楼组长队伍建设'],
  rural: ['矛盾纠纷排查化解', '留守老人儿童关爱', '河涌堤围巡查', '山林防火', '侨务联络', '人居环境整治', '陈皮产业服务', '村务公开监督'],
  market_park: ['企业走访服务', '安全生产检查', '劳资纠纷排查', '外来务工人员登记', '两新党建指导', '人才管家服务'],
  specialised: ['周边秩序维护', '高峰交通疏导', '食品安全巡查', '消防安全检查'],
};
const RISKS: Record<string, string[]> = {
  urban: ['电动车违规充电', '高空抛物', '燃气安全', '地势低洼易内涝', '消防通道堵塞', '老旧电梯'],
  rural: ['台风暴雨', '河涌堤围险情', '危旧房屋', '山林火灾', '土地山林纠纷', '溺水'],
  market_park: ['危化品泄漏', '厂房火灾', '劳资纠纷', '货车交通事故', '有限空间作业'],
  specialised: ['人群踩踏', '食品安全', '交通拥堵', '火灾'],
};

function some(rng: Rng, xs: string[], lo: number, hi: number): string[] {
  const n = randInt(rng, lo, hi);
  const pool = [...xs];
  const out: string[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!);
  return out;
}

export function gridProfile(g: GenGrid, rng: Rng): Record<string, unknown> {
  const t = g.gridType;
  return {
    population: g.population,
    households: g.households,
    partyMembers: Math.round(g.population * (0.03 + rng() * 0.03)),
    partyOrg: `${g.name}党${g.population > 2500 ? '支部' : '小组'}`,
    traits: some(rng, TRAITS[t]!, 2, 3),
    keyWork: some(rng, KEY_WORK[t]!, 2, 4),
    risks: some(rng, RISKS[t]!, 1, 3),
    ...(g.site ? { site: g.site.name } : {}),
    ...(t === 'market_park' ? { enterprises: randInt(rng, 8, 60) } : {}),
    ...(t === 'rural' && g.community.subkind === 'fishery' ? { fishingBoats: randInt(rng, 20, 120) } : {}),
    note: pick(rng, ['网格党组织全覆盖', '实行"一网一民警一辅警一义警"', '平战结合网格', '"双报到"党员常态化下沉']),
  };
}
