import { InvalidInputError } from '@shequ/errors';
import { newId } from '@shequ/database';
import type { UnitOfWork } from '@shequ/subgraph';
import { parseCsv } from '../domain/import/csv.js';
import {
  addressColumnOf,
  checkAddressRow,
  REQUIRED_ADDRESS_COLUMNS,
  type AddressColumn,
} from '../domain/import/address-row.js';
import { householdAddress, normaliseFlat } from '../domain/household-rules.js';
import { Building } from '../entities/building.js';
import { Grid } from '../entities/grid.js';
import { Household } from '../entities/household.js';
import { announceBuilding, announceHousehold } from './announce-places.js';
import { requireCommunity } from './place-register.js';

export type AddressOutcomeCode = 'CREATED' | 'UNCHANGED' | 'REJECTED';

export interface AddressRowResult {
  row: number;
  outcome: AddressOutcomeCode;
  buildingId: string | null;
  householdId: string | null;
  field: string | null;
  reason: string | null;
}

export interface AddressImportSummary {
  total: number;
  created: number;
  unchanged: number;
  rejected: number;
  results: AddressRowResult[];
}

type SourceRecord = { row: number; record: Partial<Record<AddressColumn, string>> | null; problem: string | null };

/** Reads an address register (CSV with a header, or a JSON array of objects); an unreadable file is bad input. */
export function readAddressRegister(format: 'CSV' | 'JSON', content: string): SourceRecord[] {
  if (format === 'JSON') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch (error) {
      throw new InvalidInputError('content', `JSON 无法解析：${(error as Error).message}`);
    }
    if (!Array.isArray(data)) throw new InvalidInputError('content', 'JSON 须为对象数组');
    return data.map((item, index) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        return { row: index + 1, record: null, problem: '该行不是对象' };
      const record: Partial<Record<AddressColumn, string>> = {};
      for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
        const column = addressColumnOf(key);
        if (column && value !== null && value !== undefined)
          record[column] = typeof value === 'string' ? value : JSON.stringify(value);
      }
      return { row: index + 1, record, problem: null };
    });
  }
  const { header, records } = parseCsv(content);
  const columns = header.map(addressColumnOf);
  const missing = REQUIRED_ADDRESS_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new InvalidInputError('content', `CSV 表头缺少必需列：${missing.join(', ')}`);
  return records.map((r) => {
    if (r.problem) return { row: r.row, record: null, problem: `CSV 格式错误：${r.problem}` };
    if (r.values.length !== header.length)
      return {
        row: r.row,
        record: null,
        problem: `CSV 格式错误：该行有 ${r.values.length} 列，表头有 ${header.length} 列`,
      };
    const record: Partial<Record<AddressColumn, string>> = {};
    columns.forEach((column, i) => {
      if (column) record[column] = r.values[i];
    });
    return { row: r.row, record, problem: null };
  });
}

/**
 * 标准地址导入 (一标三实): buildings and their flats (单元、室) of the caller's community, matched by name and address
 * or registered (and announced) — one result per row; bad rows never block good ones; importing the same file
 * again changes nothing. A building already registered keeps its grid: moving it is a grid redraw (`redrawGrid`).
 */
export async function importAddressRegister(
  uow: UnitOfWork,
  source: SourceRecord[],
  communityId: string,
): Promise<AddressImportSummary> {
  await requireCommunity(uow, communityId);
  const { em, events } = uow;
  const grids = new Map((await em.find(Grid, { communityId })).map((g) => [g.code, g.id]));
  const buildings = new Map(
    (await em.find(Building, { communityId })).map((b) => [b.name, { id: b.id, gridId: b.grid.id }]),
  );
  const households = new Map(
    (await em.find(Household, { communityId }, { fields: ['id', 'address'] })).map((h) => [h.address, h.id]),
  );
  const results: AddressRowResult[] = [];
  for (const item of source) {
    const reject = (field: string | null, reason: string) =>
      results.push({ row: item.row, outcome: 'REJECTED', buildingId: null, householdId: null, field, reason });
    if (!item.record) {
      reject(null, item.problem ?? '该行无法读取');
      continue;
    }
    const check = checkAddressRow(item.record);
    if (!check.ok) {
      reject(check.field, check.reason);
      continue;
    }
    const { value } = check;
    let created = false;
    let building = buildings.get(value.building);
    const gridId = value.gridCode ? grids.get(value.gridCode) : undefined;
    if (value.gridCode && !gridId) {
      reject('gridCode', `网格编码 ${value.gridCode} 不存在`);
      continue;
    }
    if (!building) {
      if (!gridId) {
        reject('gridCode', `楼栋「${value.building}」尚未登记，新建楼栋须填写网格编码`);
        continue;
      }
      building = { id: newId(), gridId };
      em.create(Building, {
        id: building.id,
        communityId,
        grid: gridId,
        name: value.building,
        address: value.buildingAddress ?? value.building,
      });
      announceBuilding(events, building);
      buildings.set(value.building, building);
      created = true;
    } else if (gridId && gridId !== building.gridId) {
      reject('gridCode', `楼栋「${value.building}」不在网格 ${value.gridCode}（调整网格边界请用 redrawGrid）`);
      continue;
    }
    let householdId: string | null = null;
    if (value.flat) {
      // one rule for a flat's address, as registerHousehold and the resident import apply it
      let flat: { unit: string; room: string };
      try {
        flat = normaliseFlat(value.flat);
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        reject(error.field, error.message);
        continue;
      }
      const address = householdAddress(value.building, flat.unit, flat.room);
      householdId = households.get(address) ?? null;
      if (!householdId) {
        householdId = newId();
        em.create(Household, {
          id: householdId,
          communityId,
          building: building.id,
          unit: flat.unit,
          room: flat.room,
          address,
          housing: value.flat.housing,
        });
        announceHousehold(events, { id: householdId, buildingId: building.id, gridId: building.gridId });
        households.set(address, householdId);
        created = true;
      }
    }
    results.push({
      row: item.row,
      outcome: created ? 'CREATED' : 'UNCHANGED',
      buildingId: building.id,
      householdId,
      field: null,
      reason: null,
    });
  }
  await em.flush();
  const count = (outcome: AddressOutcomeCode) => results.filter((r) => r.outcome === outcome).length;
  return {
    total: source.length,
    created: count('CREATED'),
    unchanged: count('UNCHANGED'),
    rejected: count('REJECTED'),
    results: results.sort((a, b) => a.row - b.row),
  };
}
