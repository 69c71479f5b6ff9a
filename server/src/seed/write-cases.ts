import { sql } from 'drizzle-orm';
import { maskPhone, WARN_YELLOW, type CaseState } from '@gridgov/common';
import type { Tx } from '../db/client.js';
import { queryRows } from '../db/sql.js';
import type { Crypto } from '../lib/secrets.js';
import { dueAt, responseDueAt, shanghaiDay, type WorkCalendar } from '../modules/catalogue/deadlines.js';
import { allocIds, insertRows, type Col } from './bulk.js';
import { MobileIssuer, chance, mulberry32, pick, pickWeighted, type Rng } from './factories.js';
import { loadCalendarFile, loadCatalogueFile, type CategoryRec } from './write-catalogue.js';
import { createdAt, planCase, type Level } from './write-cases.plan.js';

/**
 * Demo matters for the demo seed: ~600 cases over the last 60 days, most in the demo accounts' street (会城街道,
 * 城南社区) so every demo login has work, every channel, states across the lifecycle, dispatches to the
 * districts' departments, reporters (phones encrypted), and the audit events the case timeline is built from.
 * Written in bulk (a handful of statements), consistent with CASE_TRANSITIONS.
 */
const COUNT = 600;
const DAYS = 60;

interface GridRef { id: number; path: string; name: string; communityName: string; townId: number; townPath: string; districtPath: string; admission: string[] }
interface UserRef { id: number; name: string }

const DESCRIPTIONS: Record<string, string[]> = {
  env: ['门口垃圾堆放多日无人清运，气味很大', '路边绿化带内有大量生活垃圾', '公厕长期无人打扫，卫生很差'],
  city: ['人行道被摊贩占用，行人只能走机动车道', '楼顶新搭了铁皮房，疑似违建', '有人夜间偷倒建筑垃圾'],
  facility: ['路面坑洼积水，电动车容易摔倒', '路灯连续几晚不亮，夜间出行不安全', '井盖破损，存在安全隐患'],
  traffic: ['车辆长期占用消防通道和人行道停放', '路口红绿灯损坏，交通混乱'],
  safety: ['楼道内有人给电动车充电，拉飞线', '工地围挡倒塌，影响通行', '老房子外墙开裂，有掉落危险'],
  fire: ['消防通道被杂物堵塞', '楼道灭火器过期、消防栓无水', '仓库内堆放大量易燃物'],
  dispute: ['楼上漏水到楼下，双方协商不成', '邻居装修噪音影响休息，多次沟通无果', '宅基地边界有争议，双方发生口角', '工地拖欠工资，工人要求结算'],
  security: ['夜间有人聚集喧哗，疑似赌博', '小区内发生多起电动车被盗', '接到诈骗电话，提供线索'],
  population: ['出租屋新入住多名外来人员未登记', '出租屋存在群租现象'],
  social: ['独居老人多日未见出门，请上门看看', '家庭生活困难，申请临时救助', '残疾人出行需要帮扶'],
  housing: ['电梯频繁故障，老人上下楼困难', '物业服务差，小区门禁长期损坏'],
  market: ['餐馆后厨卫生差，疑似使用过期食材', '商铺无证经营', '超市商品价格标示不清'],
  water: ['小区停水一整天，未见通知', '暴雨后路口积水严重', '河涌有异味，疑似污水直排'],
  ecology: ['餐饮油烟直排，影响楼上住户', '工厂夜间噪音扰民', '有人在田边露天焚烧垃圾'],
  emergency: ['山体有落石迹象，请尽快查看', '台风过后大树倒伏压住道路'],
  health: ['社区卫生服务站排队时间太长'],
  overseas: ['侨眷咨询海外亲属回乡办事手续'],
  petition: ['反映征地补偿款发放问题'],
  enterprise: ['企业反映办理许可证流程不清楚', '园区企业停电影响生产', '企业车间存在安全生产隐患'],
  epidemic: ['邻居发热多日未就医', '居家隔离人员需要代购生活物资'],
};
const ROADS = ['中心路', '城南路', '新会大道', '江门路', '圭峰路', '葵城路', '冈州大道', '东庆路', '南门路', '侨兴路'];
const SURNAMES = ['陈', '李', '黄', '梁', '林', '张', '吴', '何', '谭', '区', '莫', '赵'];
const CHANNELS = [['field', 40], ['web', 20], ['hotline', 24], ['petition', 8], ['external', 5], ['api', 3]] as const;

export async function writeCases(tx: Tx, crypto: Crypto, now: Date): Promise<number> {
  const rng = mulberry32(20261123);
  const catalogue = loadCatalogueFile().categories;
  const calDays = loadCalendarFile().days;
  const cal: WorkCalendar = {
    holidays: new Set(calDays.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workdays: new Set(calDays.filter((d) => d.kind === 'workday').map((d) => d.day)),
  };
  const grids = (await queryRows<{ id: string; path: string; name: string; cname: string; town_id: string; tpath: string; dpath: string; code: string; admission: string[] | null }>(tx, sql`
    SELECT g.id::text, g.path::text, g.name, c.name AS cname, t.id::text AS town_id, t.path::text AS tpath, d.path::text AS dpath, g.code, gt.admission
    FROM units g JOIN units c ON c.id = g.parent_id JOIN units t ON t.id = c.parent_id JOIN units d ON d.id = t.parent_id
    LEFT JOIN grid_types gt ON gt.id = g.grid_type_id
    WHERE g.kind = 'grid' AND g.valid_to IS NULL AND g.geom IS NOT NULL ORDER BY g.code`))
    .map((g) => ({ id: Number(g.id), path: g.path, name: g.name, communityName: g.cname, townId: Number(g.town_id), townPath: g.tpath, districtPath: g.dpath, code: g.code, admission: g.admission ?? [] }))
    // A grid whose admission list names none of the catalogue's categories (another module's test grid on a shared
    // database) can take no demo matter.
    .filter((g) => !g.admission.length || catalogue.some((c) => g.admission.includes(c.code)));
  if (!grids.length) return 0;
  // Where the demo accounts work: 城南社区 (worker.g1/g2, leader.g1, community.chengnan), 会城街道, 新会区.
  const tiers = [
    [grids.filter((g) => g.code.startsWith('440705001001')), 30],
    [grids.filter((g) => g.code.startsWith('440705001') && !g.code.startsWith('440705001001')), 35],
    [grids.filter((g) => g.code.startsWith('440705') && !g.code.startsWith('440705001')), 22],
    [grids.filter((g) => !g.code.startsWith('440705')), 13],
  ].filter(([gs]) => (gs as GridRef[]).length) as [GridRef[], number][];

  const depts = await queryRows<{ id: string; key: string; path: string; name_zh: string }>(tx, sql`SELECT id::text, key, path::text, name_zh FROM departments WHERE key IS NOT NULL`);
  const deptFor = (key: string, g: GridRef) => depts.find((d) => d.key === key && (g.path === d.path || g.path.startsWith(`${d.path}.`)));
  const users = await queryRows<{ id: string; username: string; display_name: string; role: string; home_unit_id: string | null; department_id: string | null }>(tx, sql`
    SELECT id::text, username, display_name, role, home_unit_id::text, department_id::text FROM users`);
  const userAt = (role: string, unitId: number | null): UserRef | null => {
    const u = users.find((x) => x.role === role && x.home_unit_id != null && Number(x.home_unit_id) === unitId);
    return u ? { id: Number(u.id), name: u.username } : null;
  };
  const officerOf = (deptId: number): UserRef | null => {
    const u = users.find((x) => x.role === 'department_officer' && Number(x.department_id) === deptId);
    return u ? { id: Number(u.id), name: u.username } : null;
  };
  const communityOf = (g: GridRef) => Number(g.path.split('.').slice(-2, -1)[0]);
  const phones = new MobileIssuer(mulberry32(95123));

  const ids = await allocIds(tx, 'cases', COUNT);
  const caseRows: Record<string, unknown>[] = [];
  const reporterRows: Record<string, unknown>[] = [];
  const dispatchRows: Record<string, unknown>[] = [];
  const auditRows: Record<string, unknown>[] = [];
  const mediationRows: Record<string, unknown>[] = [];
  const supervisionRows: Record<string, unknown>[] = [];
  const dispatchIds = await allocIds(tx, 'case_dispatches', COUNT * 3);
  let nextDispatch = 0;

  for (let k = 0; k < COUNT; k++) {
    const id = ids[k]!;
    const grid = pick(rng, pickWeighted(rng, tiers));
    const choices = catalogue.filter((c) => !grid.admission.length || grid.admission.includes(c.code));
    const channel = pickWeighted(rng, CHANNELS);
    // Categories whose guidance says "not for this channel" never come in through it.
    const forChannel = choices.filter((c) => !c.guidance?.channels.includes(channel));
    const cat = pickCategory(rng, forChannel.length ? forChannel : choices);
    const keyOk = (key: string) => !!deptFor(key, grid);
    const otherKeys = [...new Set(depts.map((d) => d.key))].filter(keyOk);
    const created = createdAt(rng, now, DAYS);
    const plan = planCase(rng, {
      created, now, cat, channel, cal, lead: cat.lead && keyOk(cat.lead) ? cat.lead : null, assist: cat.assist.filter(keyOk), otherKeys,
    });
    const happened = plan.events.filter((e) => e.at <= now);
    const last = happened[happened.length - 1];
    const state: CaseState = last?.state ?? 'reported';
    const actors: Record<Level, UserRef | null> = {
      grid: userAt('grid_worker', grid.id) ?? userAt('grid_leader', grid.id), community: userAt('community_cadre', communityOf(grid)),
      street: userAt('street_cadre', grid.townId) ?? userAt('centre_operator', Number(grid.districtPath.split('.').pop())),
      department: null, mediator: userAt('mediator', grid.townId), resident: null, system: null,
    };
    const levelName: Record<Level, string> = { grid: `${grid.name}网格员`, community: `${grid.communityName}社区工作人员`, street: '街道综治中心', department: '职能部门', mediator: '人民调解员', resident: '群众', system: 'system' };
    const description = `${pick(rng, DESCRIPTIONS[cat.group] ?? [cat.zh])}。`;
    const address = `${grid.communityName}${pick(rng, ROADS)}${1 + Math.floor(rng() * 180)}号附近`;
    const trackingNo = `${shanghaiDay(created).slice(2).replace(/-/g, '')}${String(id).padStart(6, '0')}`;
    const cls = plan.cls;

    // Dispatch rows as they stand now.
    const dIds: number[] = [];
    let leadDept: number | null = null;
    plan.dispatches.forEach((d, j) => {
      if (d.createdAt > now) return;
      const dept = deptFor(d.deptKey, grid)!;
      const did = dispatchIds[nextDispatch++]!;
      dIds[j] = did;
      const ack = d.ackAt && d.ackAt <= now ? d.ackAt : null;
      const handled = d.handledAt && d.handledAt <= now ? d.handledAt : null;
      const returned = d.returnedAt && d.returnedAt <= now ? d.returnedAt : null;
      const dstate = returned ? 'returned' : handled ? 'handled' : ack ? 'acknowledged' : 'sent';
      if (d.role === 'lead' && !returned) leadDept = Number(dept.id);
      const warn = (from: Date, due: Date, done: Date | null) => {
        if (done) return 'none';
        const f = (now.getTime() - from.getTime()) / (due.getTime() - from.getTime());
        return f >= 1 ? 'red' : f >= WARN_YELLOW ? 'yellow' : 'none';
      };
      const open = dstate === 'sent' || dstate === 'acknowledged';
      const ackWarn = dstate === 'sent' ? warn(d.createdAt, d.ackDueAt, null) : 'none';
      const handleWarn = open ? warn(d.createdAt, d.handleDueAt, null) : 'none';
      dispatchRows.push({
        id: did, case_id: id, department_id: Number(dept.id), role: d.role, state: dstate, ack_due_at: d.ackDueAt, handle_due_at: d.handleDueAt,
        ack_warn: ackWarn, handle_warn: handleWarn, acknowledged_at: ack, acknowledged_by: ack ? officerOf(Number(dept.id))?.id ?? null : null,
        handled_at: handled, feedback: handled ? d.feedback : null, returned_at: returned, return_reason: returned ? d.returnReason : null,
        created_by: actors.street?.id ?? null, created_at: d.createdAt,
      });
      if (open && (ackWarn === 'red' || handleWarn === 'red')) {
        supervisionRows.push({
          case_id: id, dispatch_id: did, kind: ackWarn === 'red' ? 'ack_overdue' : 'handle_overdue', unit_id: grid.townId, path: grid.townPath,
          opened_at: ackWarn === 'red' ? d.ackDueAt : d.handleDueAt, note: `${dept.name_zh}${ackWarn === 'red' ? '超时未报到' : '超期未办结'}`,
        });
      }
    });

    const at = (action: string) => happened.find((e) => e.action === action)?.at ?? null;
    const lastAt = (action: string) => [...happened].reverse().find((e) => e.action === action)?.at ?? null;
    const dueAtCase = plan.dispatches[0]?.handleDueAt ?? dueAt(created, cls, cal);
    const responseDue = responseDueAt(created, cls);
    const openCase = !['closed', 'rejected', 'merged'].includes(state);
    const frac = (now.getTime() - created.getTime()) / (dueAtCase.getTime() - created.getTime());
    const rated = happened.find((e) => e.action === 'case.rate');
    const closedEv = happened.find((e) => e.state === 'closed');
    const priority = (cat.urgent ? 10 : 0) + (cat.defaultRisk === 'high' ? 5 : cat.defaultRisk === 'medium' ? 2 : 0);
    caseRows.push({
      id, tracking_no: trackingNo, title: `${cat.zh}：${description.slice(0, 30)}`, description, category_code: cat.code, channel, state,
      version: 1 + happened.length, risk_level: cat.defaultRisk, priority, deadline_class: cls, grid_id: grid.id, path: grid.path, grid_seed: k + 1,
      address, holder: holderOf(state, plan.resident), lead_department_id: leadDept, has_resident_reporter: plan.resident,
      extra: {}, reject_reason: state === 'rejected' ? (last!.after.reason as string) : null,
      resolution: ['handled', 'verified', 'rated', 'closed'].includes(state) ? (happened.find((e) => e.after.note)?.after.note as string | undefined) ?? null : null,
      created_by: channel === 'field' ? actors.grid?.id ?? null : channel === 'hotline' || channel === 'petition' ? actors.street?.id ?? null : null,
      created_at: created, updated_at: last?.at ?? created, accepted_at: at('case.accept'), first_response_at: at('case.accept'),
      response_due_at: responseDue, due_at: dueAtCase,
      warn_level: openCase && state !== 'verified' ? (frac >= 1 ? 'red' : frac >= WARN_YELLOW ? 'yellow' : 'none') : 'none',
      handled_at: lastAt('case.resolve') ?? lastAt('case.mediation_agreed') ?? (state !== 'dispatched' ? lastAt('dispatch.feedback') : null),
      verified_at: lastAt('case.verify'), rated_at: rated?.at ?? null,
      resolved: rated ? plan.rating!.resolved : null, satisfaction: rated ? plan.rating!.satisfaction : null, rating_comment: rated ? plan.rating!.comment : null,
      unrated: !!happened.find((e) => e.action === 'case.close_unrated'), closed_at: closedEv?.at ?? null,
      reopen_count: happened.filter((e) => e.action === 'case.reopen').length,
    });

    if (channel !== 'field') {
      const phone = plan.resident && !chance(rng, 0.1) ? phones.issue() : null;
      const anonymous = plan.resident && !phone;
      reporterRows.push({
        case_id: id, tracking_no: trackingNo, channel, anonymous, resident: plan.resident, created_at: created,
        name_enc: anonymous ? null : crypto.encrypt(`${pick(rng, SURNAMES)}${chance(rng, 0.5) ? '先生' : '女士'}`),
        phone_enc: phone ? crypto.encrypt(phone) : null, phone_bidx: phone ? crypto.blindIndex(phone) : null, phone_masked: phone ? maskPhone(phone) : null,
      });
    }

    const actorOf = (e: { by: Level; dispatch?: number }): [number | null, string] => {
      if (e.by === 'department' && e.dispatch != null) {
        const dept = deptFor(plan.dispatches[e.dispatch]!.deptKey, grid)!;
        const off = officerOf(Number(dept.id));
        return [off?.id ?? null, off?.name ?? dept.name_zh];
      }
      const u = actors[e.by];
      return [u?.id ?? null, u?.name ?? levelName[e.by]];
    };
    auditRows.push({
      at: created, actor_id: channel === 'field' ? actors.grid?.id ?? null : null, actor_name: channel === 'field' ? actors.grid?.name ?? levelName.grid : channel === 'web' ? 'resident' : levelName.street,
      action: 'case.create', entity_id: String(id), unit_path: grid.path,
      after: { state: 'reported', trackingNo, channel, category: cat.code, categoryName: cat.zh, gridId: String(grid.id), riskLevel: cat.defaultRisk, hasResidentReporter: plan.resident, seeded: true },
    });
    for (const e of happened) {
      const [actorId, actorName] = actorOf(e);
      const after: Record<string, unknown> = { ...e.after };
      if (e.dispatch != null && dIds[e.dispatch] != null) after.dispatchId = String(dIds[e.dispatch]);
      if (Array.isArray(after.departments)) {
        after.departments = (after.departments as { key: string; role: string }[]).map((d) => {
          const dept = deptFor(d.key, grid)!;
          return { departmentId: dept.id, name: dept.name_zh, role: d.role };
        });
      } else if (typeof after.department === 'string') after.department = deptFor(after.department, grid)!.name_zh;
      auditRows.push({ at: e.at, actor_id: actorId, actor_name: actorName, action: e.action, entity_id: String(id), unit_path: grid.path, after });
    }
    if (plan.mediation && plan.mediation.startedAt <= now) {
      const agreed = plan.mediation.agreedAt && plan.mediation.agreedAt <= now ? plan.mediation.agreedAt : null;
      const failed = !plan.mediation.agreedAt && happened.some((e) => e.action === 'case.mediation_failed');
      mediationRows.push({
        case_id: id, mediator_id: actors.mediator?.id ?? null, mediator_name: actors.mediator?.name ?? '人民调解员',
        parties: [{ name: `${pick(rng, SURNAMES)}某`, role: '申请人' }, { name: `${pick(rng, SURNAMES)}某`, role: '被申请人' }],
        state: agreed ? 'agreed' : failed ? 'failed' : 'open', agreement: agreed ? '双方自愿达成协议：责任方负责修复并承担相关费用，双方不再因此事发生争执。' : null,
        failure_reason: failed ? '一方不同意调解方案' : null, started_at: plan.mediation.startedAt, ended_at: agreed ?? null,
      });
    }
  }

  await writeAll(tx, { caseRows, reporterRows, dispatchRows, auditRows, mediationRows, supervisionRows });
  return caseRows.length;
}

/** Leaves weighted the way grids see them: everyday matters (environment, order, facilities) dominate. */
function pickCategory(rng: Rng, cats: CategoryRec[]): CategoryRec {
  const weight = (c: CategoryRec) => (['env', 'city', 'facility', 'traffic'].includes(c.group) ? 5 : ['dispute', 'safety', 'fire', 'water', 'ecology', 'social', 'housing'].includes(c.group) ? 3 : 1) * (c.urgent ? 0.4 : 1);
  return pickWeighted(rng, cats.map((c) => [c, weight(c)] as const));
}

/** Same answer as the workflow's holderFor for the states the demo produces. */
function holderOf(state: CaseState, resident: boolean): string {
  switch (state) {
    case 'reported': case 'accepted': case 'in_grid': case 'reopened': case 'handled': return 'grid';
    case 'escalated_community': return 'community';
    case 'escalated_street': case 'returned': return 'street';
    case 'mediation': return 'mediator';
    case 'dispatched': return 'department';
    case 'verified': return resident ? 'reporter' : 'none';
    default: return 'none';
  }
}

const T = (name: string, type: string, expr?: string): Col => ({ name, type, ...(expr ? { expr } : {}) });
const ts = (name: string) => T(name, 'timestamptz');

async function writeAll(tx: Tx, r: Record<'caseRows' | 'reporterRows' | 'dispatchRows' | 'auditRows' | 'mediationRows' | 'supervisionRows', Record<string, unknown>[]>) {
  await insertRows(tx, 'cases', [
    T('id', 'bigint'), T('tracking_no', 'text'), T('title', 'text'), T('description', 'text'), T('category_code', 'text'), T('channel', 'text'),
    T('state', 'text'), T('version', 'int'), T('risk_level', 'text'), T('priority', 'int'), T('deadline_class', 'text'), T('grid_id', 'bigint'),
    T('path', 'text', 'r.path::ltree'), T('address', 'text'), T('holder', 'text'), T('lead_department_id', 'bigint'),
    T('has_resident_reporter', 'boolean'), T('extra', 'jsonb'), T('reject_reason', 'text'), T('resolution', 'text'), T('created_by', 'bigint'),
    ts('created_at'), ts('updated_at'), ts('accepted_at'), ts('first_response_at'), ts('response_due_at'), ts('due_at'), T('warn_level', 'text'),
    ts('handled_at'), ts('verified_at'), ts('rated_at'), T('resolved', 'boolean'), T('satisfaction', 'text'), T('rating_comment', 'text'),
    T('unrated', 'boolean'), ts('closed_at'), T('reopen_count', 'int'),
  ], r.caseRows);
  // A random point inside each case's grid, seeded by the case id so a re-seed draws the same map.
  const ids = r.caseRows.map((c) => c.id as number);
  await tx.execute(sql`
    UPDATE cases c SET location = (SELECT (ST_Dump(ST_GeneratePoints(u.geom, 1, (c.id % 1000000 + 1)::int))).geom FROM units u WHERE u.id = c.grid_id)
    WHERE c.id BETWEEN ${Math.min(...ids)} AND ${Math.max(...ids)}`);
  await insertRows(tx, 'case_reporters', [
    T('case_id', 'bigint'), T('tracking_no', 'text'), T('channel', 'text'), T('anonymous', 'boolean'), T('resident', 'boolean'), ts('created_at'),
    T('name_enc', 'text'), T('phone_enc', 'text'), T('phone_bidx', 'text'), T('phone_masked', 'text'),
  ], r.reporterRows);
  await insertRows(tx, 'case_dispatches', [
    T('id', 'bigint'), T('case_id', 'bigint'), T('department_id', 'bigint'), T('role', 'text'), T('state', 'text'), ts('ack_due_at'), ts('handle_due_at'),
    T('ack_warn', 'text'), T('handle_warn', 'text'), ts('acknowledged_at'), T('acknowledged_by', 'bigint'), ts('handled_at'), T('feedback', 'text'),
    ts('returned_at'), T('return_reason', 'text'), T('created_by', 'bigint'), ts('created_at'),
  ], r.dispatchRows);
  await insertRows(tx, 'case_mediations', [
    T('case_id', 'bigint'), T('mediator_id', 'bigint'), T('mediator_name', 'text'), T('parties', 'jsonb'), T('state', 'text'), T('agreement', 'text'),
    T('failure_reason', 'text'), ts('started_at'), ts('ended_at'),
  ], r.mediationRows);
  await insertRows(tx, 'supervision_items', [
    T('case_id', 'bigint'), T('dispatch_id', 'bigint'), T('kind', 'text'), T('unit_id', 'bigint'), T('path', 'text', 'r.path::ltree'), ts('opened_at'), T('note', 'text'),
  ], r.supervisionRows);
  await insertRows(tx, 'audit_events', [
    ts('at'), T('actor_id', 'bigint'), T('actor_name', 'text'), T('action', 'text'), { name: 'entity_type', type: 'text', expr: `'case'` },
    T('entity_id', 'text'), T('unit_path', 'text', 'r.unit_path::ltree'), T('after', 'jsonb'),
  ], r.auditRows);
}
