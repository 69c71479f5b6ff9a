import type { Block } from './lattice.js';

/**
 * The shape of the demo territory: which towns sit where on each district's lattice, and how many
 * villages/communities each holds. Counts match the articles: 新会 199 villages + 37 communities +
 * 11 fisheries/parks = 247 units, 817 basic grids; 江海 190 grids and 2,590 cells.
 */
export interface SpecialCommunity { name: string; nameEn: string; subkind: 'fishery' | 'industrial_park' }
export interface TownPlan {
  code3: string;
  name: string;
  nameEn: string;
  subkind: 'town' | 'street';
  block: Block;
  /** fixed urban community names [zh, pinyin]; `urbanCount` of them are used */
  urbanNames: [string, string][];
  urbanCount: number;
  villageCount: number;
  /** fixed village names [zh, pinyin] (江海); otherwise villages are named from parts */
  villageNames?: [string, string][];
  special: SpecialCommunity[];
}

export interface DistrictPlan {
  code6: string;
  name: string;
  nameEn: string;
  lattice: { lon0: number; latTop: number; sx: number; sy: number; nx: number; ny: number };
  /** district outline corners in index space (orthogonal polygon) */
  outline: [number, number][];
  towns: TownPlan[];
  targetGrids: number;
  /** grids per community by subkind: [min, max] */
  gridRange: Record<'urban' | 'village' | 'fishery' | 'industrial_park', [number, number]>;
  /** relative area of one grid by community subkind */
  areaFactor: Record<'urban' | 'village' | 'fishery' | 'industrial_park', number>;
  minQuadsPerGrid: number;
  withCells: boolean;
  gridSince: string;
}

const seat = (name: string, en: string): [string, string] => [name, en];

export const XINHUI: DistrictPlan = {
  code6: '440705',
  name: '新会区',
  nameEn: 'Xinhui District',
  lattice: { lon0: 112.85, latTop: 22.65, sx: 0.0025, sy: 0.0025, nx: 140, ny: 120 },
  // Everything but the north-east corner, which is left to 江海区 (with a gap, so the districts never overlap).
  outline: [[0, 0], [92, 0], [92, 52], [140, 52], [140, 120], [0, 120]],
  targetGrids: 817,
  gridRange: { urban: [4, 8], village: [2, 4], fishery: [1, 3], industrial_park: [2, 3] },
  areaFactor: { urban: 0.6, village: 1.3, fishery: 1.6, industrial_park: 1.6 },
  minQuadsPerGrid: 4,
  withCells: false,
  gridSince: '2022-05-01',
  towns: [
    { code3: '001', name: '会城街道', nameEn: 'Huicheng Subdistrict', subkind: 'street', block: { i0: 40, j0: 0, i1: 92, j1: 52 },
      urbanNames: [], urbanCount: 30, villageCount: 20,
      special: [{ name: '今古洲工业园区', nameEn: 'Jinguzhou Industrial Park', subkind: 'industrial_park' }] },
    { code3: '100', name: '大泽镇', nameEn: 'Daze Town', subkind: 'town', block: { i0: 0, j0: 0, i1: 40, j1: 32 },
      urbanNames: [seat('大泽', 'Daze'), seat('大泽新城', 'Daze Xincheng')], urbanCount: 2, villageCount: 20,
      special: [{ name: '大泽工业园', nameEn: 'Daze Industrial Park', subkind: 'industrial_park' }] },
    { code3: '101', name: '司前镇', nameEn: 'Siqian Town', subkind: 'town', block: { i0: 0, j0: 32, i1: 40, j1: 68 },
      urbanNames: [seat('司前', 'Siqian')], urbanCount: 1, villageCount: 17,
      special: [{ name: '司前工业园', nameEn: 'Siqian Industrial Park', subkind: 'industrial_park' }] },
    { code3: '102', name: '罗坑镇', nameEn: 'Luokeng Town', subkind: 'town', block: { i0: 0, j0: 68, i1: 40, j1: 120 },
      urbanNames: [seat('罗坑', 'Luokeng')], urbanCount: 1, villageCount: 15,
      special: [{ name: '罗坑陈皮产业园', nameEn: 'Luokeng Tangerine Peel Industrial Park', subkind: 'industrial_park' }] },
    { code3: '103', name: '双水镇', nameEn: 'Shuangshui Town', subkind: 'town', block: { i0: 40, j0: 52, i1: 76, j1: 92 },
      urbanNames: [seat('双水', 'Shuangshui')], urbanCount: 1, villageCount: 24,
      special: [{ name: '双水工业园', nameEn: 'Shuangshui Industrial Park', subkind: 'industrial_park' }] },
    { code3: '104', name: '崖门镇', nameEn: 'Yamen Town', subkind: 'town', block: { i0: 40, j0: 92, i1: 68, j1: 120 },
      urbanNames: [seat('崖门', 'Yamen')], urbanCount: 1, villageCount: 18,
      special: [{ name: '崖门渔场', nameEn: 'Yamen Fishery', subkind: 'fishery' }] },
    { code3: '105', name: '沙堆镇', nameEn: 'Shadui Town', subkind: 'town', block: { i0: 68, j0: 92, i1: 92, j1: 120 },
      urbanNames: [], urbanCount: 0, villageCount: 19,
      special: [{ name: '沙堆渔场', nameEn: 'Shadui Fishery', subkind: 'fishery' }] },
    { code3: '106', name: '古井镇', nameEn: 'Gujing Town', subkind: 'town', block: { i0: 92, j0: 92, i1: 112, j1: 120 },
      urbanNames: [seat('古井', 'Gujing')], urbanCount: 1, villageCount: 18,
      special: [{ name: '银洲湖临港工业园', nameEn: 'Yinzhouhu Port Industrial Park', subkind: 'industrial_park' }] },
    { code3: '107', name: '三江镇', nameEn: 'Sanjiang Town', subkind: 'town', block: { i0: 76, j0: 52, i1: 112, j1: 92 },
      urbanNames: [], urbanCount: 0, villageCount: 17,
      special: [{ name: '三江渔场', nameEn: 'Sanjiang Fishery', subkind: 'fishery' }] },
    { code3: '108', name: '睦洲镇', nameEn: 'Muzhou Town', subkind: 'town', block: { i0: 112, j0: 52, i1: 140, j1: 88 },
      urbanNames: [], urbanCount: 0, villageCount: 18,
      special: [{ name: '睦洲渔场', nameEn: 'Muzhou Fishery', subkind: 'fishery' }] },
    { code3: '109', name: '大鳌镇', nameEn: "Da'ao Town", subkind: 'town', block: { i0: 112, j0: 88, i1: 140, j1: 120 },
      urbanNames: [], urbanCount: 0, villageCount: 13,
      special: [{ name: '大鳌渔场', nameEn: "Da'ao Fishery", subkind: 'fishery' }] },
  ],
};

export const JIANGHAI: DistrictPlan = {
  code6: '440704',
  name: '江海区',
  nameEn: 'Jianghai District',
  // 70 × 37 quads = 2,590: one cell per quad.
  lattice: { lon0: 113.1, latTop: 22.6, sx: 0.1 / 70, sy: 0.07 / 37, nx: 70, ny: 37 },
  outline: [[0, 0], [70, 0], [70, 37], [0, 37]],
  targetGrids: 190,
  gridRange: { urban: [5, 9], village: [4, 7], fishery: [2, 3], industrial_park: [3, 5] },
  areaFactor: { urban: 0.8, village: 1.15, fishery: 1.5, industrial_park: 1.5 },
  minQuadsPerGrid: 4,
  withCells: true,
  gridSince: '2022-03-01',
  towns: [
    { code3: '001', name: '江南街道', nameEn: 'Jiangnan Subdistrict', subkind: 'street', block: { i0: 0, j0: 0, i1: 24, j1: 37 },
      urbanNames: [['江南', 'Jiangnan'], ['江翠', 'Jiangcui'], ['东华', 'Donghua'], ['富华', 'Fuhua'], ['滘北', 'Jiaobei'],
        ['滘头', 'Jiaotou'], ['儒良', 'Ruliang'], ['石冲', 'Shichong']],
      urbanCount: 8, villageCount: 0, special: [] },
    { code3: '002', name: '外海街道', nameEn: 'Waihai Subdistrict', subkind: 'street', block: { i0: 24, j0: 0, i1: 70, j1: 18 },
      urbanNames: [['直冲', 'Zhichong'], ['南华', 'Nanhua'], ['金溪', 'Jinxi']], urbanCount: 3, villageCount: 8,
      villageNames: [['麻一', 'Mayi'], ['麻二', "Ma'er"], ['麻三', 'Masan'], ['麻四', 'Masi'], ['七东', 'Qidong'], ['七西', 'Qixi'],
        ['中东', 'Zhongdong'], ['龙溪', 'Longxi']],
      special: [] },
    { code3: '003', name: '礼乐街道', nameEn: 'Lile Subdistrict', subkind: 'street', block: { i0: 24, j0: 18, i1: 70, j1: 37 },
      urbanNames: [['礼乐', 'Lile'], ['新民', 'Xinmin']], urbanCount: 2, villageCount: 7,
      villageNames: [['威东', 'Weidong'], ['威西', 'Weixi'], ['英南', 'Yingnan'], ['乌纱', 'Wusha'], ['跃进', 'Yuejin'],
        ['丰盛', 'Fengsheng'], ['东升', 'Dongsheng']],
      special: [{ name: '江门市安全应急产业园', nameEn: 'Jiangmen Safety and Emergency Industrial Park', subkind: 'industrial_park' }] },
  ],
};

/** Dedicated grids (专属网格): [district, town code3, community index in code order, type, name, en]. */
export const DEDICATED: { district: string; town: string; community: number; type: string; name: string; nameEn: string; site: string; siteKind: string }[] = [
  { district: '440705', town: '001', community: 0, type: 'school', name: '新会第一中学专属网格', nameEn: 'Xinhui No. 1 Middle School Grid', site: '江门市新会第一中学', siteKind: 'school' },
  { district: '440705', town: '001', community: 1, type: 'market', name: '会城农贸市场专属网格', nameEn: 'Huicheng Farmers Market Grid', site: '会城中心农贸市场', siteKind: 'market' },
  { district: '440705', town: '001', community: 2, type: 'hospital', name: '新会区人民医院专属网格', nameEn: 'Xinhui People\'s Hospital Grid', site: '江门市新会区人民医院', siteKind: 'hospital' },
  { district: '440705', town: '001', community: -1, type: 'industrial_park', name: '今古洲工业园专属网格', nameEn: 'Jinguzhou Industrial Park Grid', site: '今古洲工业园区管委会', siteKind: 'enterprise' },
  { district: '440704', town: '003', community: -1, type: 'industrial_park', name: '安全应急产业园专属网格', nameEn: 'Emergency Industrial Park Grid', site: '江门市安全应急产业园服务中心', siteKind: 'enterprise' },
];

export const CITY = { code: '440700000000', name: '江门市', nameEn: 'Jiangmen City' };
