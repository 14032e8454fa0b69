import {
  CaseCategories,
  CasePriorities,
  Departments,
  type CaseCategory,
  type CasePriority,
  type CaseStatus,
} from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import { CATEGORY_POLICIES } from './category-policy.js';
import { FINISHED_STATUSES } from './case-workflow.js';
import { validDescription } from './case-intake.js';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) as the district platforms' (12345 热线, 区社会治理平台)
 * way to hand a report to the community: a "service" is a case category, a "service request" is a case.
 */

/** A service attribute (GeoReport v2 `service_definition.attributes[]`). */
export interface Open311Attribute {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  /** 中文说明 shown to the hotline operator. */
  description: string;
  datatypeDescription: string | null;
  values: ReadonlyArray<{ key: string; name: string }>;
  /** How a given value reads in the case description (【label】value). */
  label: string;
}

const PRIORITY: Open311Attribute = {
  code: 'priority',
  datatype: 'singlevaluelist',
  required: false,
  label: '紧急程度',
  description: '紧急程度（不填为“一般”）',
  datatypeDescription: null,
  values: CasePriorities.codes.map((key) => ({ key, name: CasePriorities.labels[key] })),
};

/** What each category asks of a report beyond its description (the attributes a hotline operator fills in). */
const CATEGORY_ATTRIBUTES: Readonly<Record<CaseCategory, readonly Open311Attribute[]>> = {
  NEIGHBOUR_DISPUTE: [
    {
      code: 'dispute_type',
      datatype: 'singlevaluelist',
      required: false,
      label: '纠纷类型',
      description: '纠纷类型',
      datatypeDescription: null,
      values: [
        { key: 'NOISE', name: '噪音扰民' },
        { key: 'LEAK', name: '楼上漏水' },
        { key: 'PASSAGE', name: '占用公共通道' },
        { key: 'PET', name: '宠物饲养' },
        { key: 'OTHER', name: '其他' },
      ],
    },
  ],
  HOUSING_REPAIR: [
    {
      code: 'location',
      datatype: 'string',
      required: true,
      label: '渗漏/损坏部位',
      description: '渗漏或损坏的部位',
      datatypeDescription: '如：卫生间顶棚、外墙、楼道灯',
      values: [],
    },
  ],
  SANITATION: [],
  PUBLIC_SECURITY: [
    {
      code: 'ongoing',
      datatype: 'singlevaluelist',
      required: true,
      label: '是否正在发生',
      description: '是否正在发生（正在发生的按“紧急”办理）',
      datatypeDescription: null,
      values: [
        { key: 'YES', name: '正在发生' },
        { key: 'NO', name: '已经过去' },
      ],
    },
  ],
  ASSISTANCE_APPLICATION: [
    {
      code: 'assistance_type',
      datatype: 'singlevaluelist',
      required: true,
      label: '救助类型',
      description: '申请的救助类型',
      datatypeDescription: null,
      values: [
        { key: 'TEMPORARY', name: '临时救助' },
        { key: 'MEDICAL', name: '医疗救助' },
        { key: 'EDUCATION', name: '助学' },
        { key: 'OTHER', name: '其他' },
      ],
    },
  ],
  CERTIFICATE: [
    {
      code: 'certificate_type',
      datatype: 'string',
      required: true,
      label: '证明类型',
      description: '需要开具的证明',
      datatypeDescription: '如：居住证明、无犯罪记录证明的社区意见',
      values: [],
    },
  ],
  PARTY_MEMBERSHIP_TRANSFER: [],
  SUGGESTION: [],
  OTHER: [],
};

export interface Open311Service {
  code: CaseCategory;
  name: string;
  description: string;
  /** The department that handles it (GeoReport `group`). */
  group: string;
  keywords: string[];
  attributes: readonly Open311Attribute[];
}

/** The service list: every case category, in the vocabulary's order (built once: categories are fixed). */
const SERVICES: readonly Open311Service[] = Object.freeze(
  CaseCategories.codes.map((code) => {
    const policy = CATEGORY_POLICIES[code];
    return Object.freeze({
      code,
      name: CaseCategories.labels[code],
      description: `${CaseCategories.labels[code]}：由${Departments.labels[policy.department]}承办，${policy.acknowledgeHours} 小时内响应，${policy.resolveHours / 24} 天内办结`,
      group: Departments.labels[policy.department],
      keywords: [Departments.labels[policy.department]],
      attributes: [...CATEGORY_ATTRIBUTES[code], PRIORITY],
    });
  }),
);
const BY_CODE = new Map(SERVICES.map((service) => [service.code as string, service]));

export function open311Services(): readonly Open311Service[] {
  return SERVICES;
}

export function open311Service(code: string): Open311Service | undefined {
  return BY_CODE.get(code);
}

/** A report as GeoReport v2 posts it (form fields), after reading, before any check. */
export interface Open311Report {
  serviceCode: string | undefined;
  description: string | undefined;
  lat: string | undefined;
  long: string | undefined;
  addressString: string | undefined;
  addressId: string | undefined;
  mediaUrl: string | undefined;
  /** `attribute[code]` fields, by code (a multivaluelist repeats the field). */
  attributes: Record<string, string[]>;
}

/** A report that passed every check: what the case is opened with. */
export interface AcceptedOpen311Report {
  category: CaseCategory;
  priority: CasePriority;
  description: string;
  location: { lat: number; long: number } | null;
  addressString: string | null;
  addressId: string | null;
  mediaUrl: string | null;
}

function coordinate(raw: string, field: 'lat' | 'long', limit: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || Math.abs(value) > limit)
    throw new InvalidInputError(
      field,
      `${field === 'lat' ? '纬度' : '经度'}须为 -${limit} 到 ${limit} 之间的数，收到「${raw}」`,
    );
  return value;
}

/**
 * The rules of a report: a known service, a location (lat+long, an address or an address id, as the spec
 * requires), the category's required attributes with allowed values. The attributes end up in the description
 * (【渗漏/损坏部位】卫生间顶棚), so the case reads whole in the community's own lists.
 */
export function acceptOpen311Report(report: Open311Report): AcceptedOpen311Report {
  const service = report.serviceCode ? open311Service(report.serviceCode) : undefined;
  if (!service)
    throw new InvalidInputError(
      'service_code',
      report.serviceCode
        ? `没有编码为「${report.serviceCode}」的服务（事项类别）`
        : '请给出服务编码 service_code（事项类别）',
    );
  const ownWords = validDescription(report.description ?? '');
  const hasLat = report.lat !== undefined && report.lat !== '';
  const hasLong = report.long !== undefined && report.long !== '';
  if (hasLat !== hasLong) throw new InvalidInputError(hasLat ? 'long' : 'lat', '经纬度须同时给出 lat 和 long');
  const location = hasLat
    ? { lat: coordinate(report.lat!, 'lat', 90), long: coordinate(report.long!, 'long', 180) }
    : null;
  const addressString = report.addressString?.trim() || null;
  const addressId = report.addressId?.trim() || null;
  if (!location && !addressString && !addressId)
    throw new InvalidInputError(
      'address_string',
      '请给出位置：lat 和 long、address_string（地址）或 address_id（楼栋或住户编号）之一',
    );
  if (addressString && addressString.length > 200) throw new InvalidInputError('address_string', '地址不能超过 200 字');

  const known = new Set(service.attributes.map((a) => a.code));
  for (const code of Object.keys(report.attributes))
    if (!known.has(code))
      throw new InvalidInputError(`attribute[${code}]`, `服务「${service.name}」没有属性「${code}」`);
  const lines: string[] = [];
  let priority: CasePriority = 'NORMAL';
  for (const attribute of service.attributes) {
    const given = (report.attributes[attribute.code] ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (given.length === 0) {
      if (attribute.required)
        throw new InvalidInputError(
          `attribute[${attribute.code}]`,
          `请填写「${attribute.label}」（${attribute.description}）`,
        );
      continue;
    }
    if (attribute.datatype !== 'multivaluelist' && given.length > 1)
      throw new InvalidInputError(`attribute[${attribute.code}]`, `「${attribute.label}」只能填一个值`);
    const names = given.map((value) => {
      if (attribute.values.length === 0) return value;
      const entry = attribute.values.find((v) => v.key === value);
      if (!entry)
        throw new InvalidInputError(
          `attribute[${attribute.code}]`,
          `「${attribute.label}」须为 ${attribute.values.map((v) => `${v.key}（${v.name}）`).join('、')} 之一，收到「${value}」`,
        );
      return entry.name;
    });
    if (attribute.code === 'priority') priority = given[0] as CasePriority;
    else lines.push(`【${attribute.label}】${names.join('、')}`);
  }
  if (service.code === 'PUBLIC_SECURITY' && report.attributes.ongoing?.[0] === 'YES') priority = 'URGENT';
  if (addressString) lines.push(`【地址】${addressString}`);
  const description = [ownWords, ...lines].join('\n');
  const mediaUrl = report.mediaUrl?.trim() || null;
  if (mediaUrl && !/^https?:\/\/\S{1,490}$/.test(mediaUrl))
    throw new InvalidInputError('media_url', '图片地址 media_url 须为 http(s) 网址，最长 500 字符');
  return { category: service.code, priority, description, location, addressString, addressId, mediaUrl };
}

/** GeoReport's two states: a case is `closed` once it is finished (办结, 已反馈, 结案, 不予受理, 重复). */
export function open311Status(status: CaseStatus): 'open' | 'closed' {
  return FINISHED_STATUSES.includes(status) ? 'closed' : 'open';
}
