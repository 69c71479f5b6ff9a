import { z } from 'zod';

/**
 * Residents registry vocabulary. Categories and tags follow GB/T 31000-2015 (社会治安综合治理基础数据规范):
 * 实有人口 split into 户籍/流动/境外/港澳台, plus the "people needing care or attention" groups.
 * Labels travel with the codes so the web shows the same words the field uses.
 */
export interface Label { zh: string; en: string }

export const PERSON_CATEGORIES = ['registered', 'floating', 'foreign', 'hmt'] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];
export const personCategorySchema = z.enum(PERSON_CATEGORIES);
export const PERSON_CATEGORY_LABELS: Record<PersonCategory, Label> = {
  registered: { zh: '户籍人口', en: 'Registered resident' },
  floating: { zh: '流动人口', en: 'Floating population' },
  foreign: { zh: '境外人员', en: 'Foreign national' },
  hmt: { zh: '港澳台人员', en: 'Hong Kong, Macao or Taiwan resident' },
};

export const PERSON_TAGS = [
  'elderly_living_alone',
  'empty_nest_elderly',
  'left_behind_child',
  'left_behind_elderly',
  'left_behind_woman',
  'disabled',
  'low_income',
  'extreme_poverty',
  'veteran',
  'released_prisoner',
  'community_correction',
  'drug_user',
  'severe_mental_disorder',
  'key_youth',
  'aids_patient',
  'petitioner',
  'party_member',
] as const;
export type PersonTag = (typeof PERSON_TAGS)[number];
export const personTagSchema = z.enum(PERSON_TAGS);
export const PERSON_TAG_LABELS: Record<PersonTag, Label> = {
  elderly_living_alone: { zh: '独居老人', en: 'Elderly living alone' },
  empty_nest_elderly: { zh: '空巢老人', en: 'Empty-nest elderly' },
  left_behind_child: { zh: '留守儿童', en: 'Left-behind child' },
  left_behind_elderly: { zh: '留守老人', en: 'Left-behind elderly' },
  left_behind_woman: { zh: '留守妇女', en: 'Left-behind woman' },
  disabled: { zh: '残疾人', en: 'Person with disability' },
  low_income: { zh: '低保对象', en: 'Low-income (dibao) recipient' },
  extreme_poverty: { zh: '特困人员', en: 'Person in extreme poverty' },
  veteran: { zh: '退役军人', en: 'Veteran' },
  released_prisoner: { zh: '刑满释放人员', en: 'Released prisoner' },
  community_correction: { zh: '社区矫正对象', en: 'Under community correction' },
  drug_user: { zh: '吸毒人员', en: 'Drug user' },
  severe_mental_disorder: { zh: '严重精神障碍患者', en: 'Severe mental disorder' },
  key_youth: { zh: '重点青少年', en: 'Key youth' },
  aids_patient: { zh: '艾滋病危险性人员', en: 'HIV/AIDS at-risk person' },
  petitioner: { zh: '重点信访人员', en: 'Key petitioner' },
  party_member: { zh: '党员', en: 'Party member' },
};
/** Tags whose holders get closer attention (特殊人群/重点人群); the rest are care groups (关爱人群). */
export const ATTENTION_TAGS: readonly PersonTag[] = [
  'released_prisoner', 'community_correction', 'drug_user', 'severe_mental_disorder', 'key_youth', 'aids_patient', 'petitioner',
];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const genderSchema = z.enum(GENDERS);
export const GENDER_LABELS: Record<Gender, Label> = { male: { zh: '男', en: 'Male' }, female: { zh: '女', en: 'Female' } };

/** 与户主关系 (GB/T 4761 family relations, grouped to what a registry clerk picks from). */
export const RELATIONS_TO_HEAD = [
  'head', 'spouse', 'child', 'child_in_law', 'grandchild', 'parent', 'grandparent', 'sibling', 'tenant', 'other',
] as const;
export type RelationToHead = (typeof RELATIONS_TO_HEAD)[number];
export const relationToHeadSchema = z.enum(RELATIONS_TO_HEAD);
export const RELATION_LABELS: Record<RelationToHead, Label> = {
  head: { zh: '户主', en: 'Head of household' },
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  child_in_law: { zh: '儿媳/女婿', en: 'Child-in-law' },
  grandchild: { zh: '孙子女', en: 'Grandchild' },
  parent: { zh: '父母', en: 'Parent' },
  grandparent: { zh: '祖父母', en: 'Grandparent' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  tenant: { zh: '租住人员', en: 'Tenant' },
  other: { zh: '其他', en: 'Other' },
};

/** Column headers of the residents Excel import/export, in order. 楼栋编码 or 地址 identifies the place. */
export const PERSON_IMPORT_HEADERS = [
  '姓名', '性别', '出生日期', '身份证号', '手机号', '人员类别', '标签', '侨眷', '港澳台/海外亲属', '楼栋编码', '地址', '房号', '与户主关系',
] as const;

// ---- API shapes (the web imports these; the server validates its responses with them) ----

const id = z.string();
export const personItemSchema = z.object({
  id,
  name: z.string(),
  gender: genderSchema.nullable(),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  category: personCategorySchema,
  tags: z.array(z.string()),
  /** Always masked (440705********1234); the full value only through POST /persons/:id/unmask. */
  idNumber: z.string().nullable(),
  /** Always masked (138****5678). */
  phone: z.string().nullable(),
  householdId: id.nullable(),
  address: z.string().nullable(),
  gridId: id.nullable(),
  gridName: z.string().nullable(),
  overseasChineseFamily: z.boolean(),
  overseasRelatives: z.string().nullable(),
});
export type PersonItem = z.infer<typeof personItemSchema>;

export const personListSchema = z.object({ items: z.array(personItemSchema), total: z.number().int() });

export const householdMemberSchema = personItemSchema.extend({ relationToHead: z.string().nullable() });

export const householdItemSchema = z.object({
  id,
  address: z.string(),
  room: z.string().nullable(),
  buildingId: id.nullable(),
  buildingCode: z.string().nullable(),
  buildingName: z.string().nullable(),
  stairwayId: id.nullable(),
  gridId: id,
  gridName: z.string().nullable(),
  headPersonId: id.nullable(),
  headName: z.string().nullable(),
  memberCount: z.number().int(),
});
export type HouseholdItem = z.infer<typeof householdItemSchema>;

export const householdDetailSchema = householdItemSchema.extend({ members: z.array(householdMemberSchema) });

export const personDetailSchema = personItemSchema.extend({
  ethnicity: z.string().nullable(),
  relationToHead: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  household: householdDetailSchema.nullable(),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

export const unmaskResponseSchema = z.object({ idNumber: z.string().nullable(), phone: z.string().nullable() });

export const importErrorSchema = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export const importResultSchema = z.object({
  read: z.number().int(),
  written: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(importErrorSchema),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** Birth date (YYYY-MM-DD) encoded in digits 7–14 of an 18-digit ID number, or null if it is not a real date. */
export function birthDateFromIdNumber(idNumber: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(idNumber);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** The 17th digit of an ID number is odd for men, even for women (GB 11643). */
export function genderFromIdNumber(idNumber: string): Gender | null {
  const c = idNumber[16];
  if (!c || !/\d/.test(c)) return null;
  return Number(c) % 2 === 1 ? 'male' : 'female';
}

/** Phones are stored as bare digits: spaces, dashes and a +86 prefix are dropped. */
export function normalisePhone(phone: string): string {
  return phone.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export function normaliseIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}
