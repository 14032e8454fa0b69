import { InvalidInputError, echoed } from '@shequ/errors';
import { newId } from '@shequ/database';
import type { UnitOfWork } from '@shequ/subgraph';
import { readTabularFile, type TabularRecord } from '../domain/import/tabular-file.js';
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

type SourceRecord = TabularRecord<AddressColumn>;

/** Reads an address register (CSV with a header, or a JSON array of objects); an unreadable file is bad input. */
export function readAddressRegister(format: 'CSV' | 'JSON', content: string): SourceRecord[] {
  return readTabularFile(format, content, { columnOf: addressColumnOf, required: REQUIRED_ADDRESS_COLUMNS });
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
      reject('gridCode', `网格编码 ${echoed(value.gridCode)} 不存在`);
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
