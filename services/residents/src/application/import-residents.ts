import { announceBuilding, announceHousehold } from './announce-places.js';
import { communityDay, ResidentMovedIn, ResidentRegistered, ResidentUpdated } from '@shequ/contracts';
import { newId } from '@shequ/database';
import type { UnitOfWork } from '@shequ/subgraph';
import { readTabularFile, type TabularRecord } from '../domain/import/tabular-file.js';
import {
  checkImportRow,
  columnOf,
  REQUIRED_COLUMNS,
  type ImportColumn,
  type ImportRow,
} from '../domain/import/import-row.js';
import { Building } from '../entities/building.js';
import { Grid } from '../entities/grid.js';
import { Household } from '../entities/household.js';
import { Resident } from '../entities/resident.js';
import { householdAddress } from '../domain/household-rules.js';

export type ImportOutcomeCode = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';

export interface ImportRowResult {
  row: number;
  outcome: ImportOutcomeCode;
  residentId: string | null;
  field: string | null;
  reason: string | null;
}

export interface ImportSummary {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  results: ImportRowResult[];
}

export interface ImportSettings {
  communityId: string;
  today: Date;
  /** Runs one chunk in its own transaction (events recorded in it commit with it). */
  runChunk<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T>;
  onProgress?(done: number, total: number): void;
  chunkSize?: number;
}

type SourceRecord = TabularRecord<ImportColumn>;

/** Reads a CSV or JSON file into records; a file that cannot be read at all is bad input. */
export function readImportFile(format: 'CSV' | 'JSON', content: string): SourceRecord[] {
  return readTabularFile(format, content, { columnOf: columnOf, required: REQUIRED_COLUMNS });
}

/**
 * 区级人口库导入: upserts residents by ID number, one result per row. Rows are checked first (bad rows are
 * rejected with field and reason and never block good ones; a repeated ID within the file is rejected after
 * its first row); then they are applied in chunks, each chunk one transaction with one flush: existing
 * residents and households are loaded by key for the whole chunk, buildings and grids once. Households and
 * buildings referenced by address are matched or created. A row equal to what is stored is UNCHANGED and
 * publishes nothing.
 */
export async function importResidents(source: SourceRecord[], settings: ImportSettings): Promise<ImportSummary> {
  const results: ImportRowResult[] = [];
  const valid: Array<{ row: number; value: ImportRow }> = [];
  const firstRowOf = new Map<string, number>();
  for (const item of source) {
    if (!item.record) {
      results.push({ row: item.row, outcome: 'REJECTED', residentId: null, field: null, reason: item.problem });
      continue;
    }
    const check = checkImportRow(item.record, settings.today);
    if (!check.ok) {
      results.push({ row: item.row, outcome: 'REJECTED', residentId: null, field: check.field, reason: check.reason });
      continue;
    }
    const first = firstRowOf.get(check.value.idNumber);
    if (first !== undefined) {
      results.push({
        row: item.row,
        outcome: 'REJECTED',
        residentId: null,
        field: 'idNumber',
        reason: `身份证号在文件中重复（首次出现在第 ${first} 行）`,
      });
      continue;
    }
    firstRowOf.set(check.value.idNumber, item.row);
    valid.push({ row: item.row, value: check.value });
  }
  const total = source.length;
  let done = results.length;
  settings.onProgress?.(done, total);

  const { communityId } = settings;
  const chunkSize = settings.chunkSize ?? 500;
  // Grids and buildings of the community are few: loaded once, kept as plain ids across chunks.
  const [grids, buildings] = await settings.runChunk(
    async (uow) => [await uow.em.find(Grid, { communityId }), await uow.em.find(Building, { communityId })] as const,
  );
  const gridByCode = new Map(grids.map((g) => [g.code, g.id]));
  const buildingByName = new Map(buildings.map((b) => [b.name, { id: b.id, gridId: b.grid.id }]));
  // Residents created by earlier rows of the file (a landlord may be registered by the same file).
  const createdByIdNumber = new Map<string, string>();

  for (let start = 0; start < valid.length; start += chunkSize) {
    const chunk = valid.slice(start, start + chunkSize);
    const chunkResults = await settings.runChunk(async ({ em, events }) => {
      const out: ImportRowResult[] = [];
      const existing = new Map(
        (await em.find(Resident, { idNumber: { $in: chunk.map((r) => r.value.idNumber) } })).map((r) => [
          r.idNumber,
          r,
        ]),
      );
      const landlordIdNumbers = [...new Set(chunk.map((r) => r.value.landlordIdNumber).filter((n) => n !== null))];
      const landlords = new Map(
        (landlordIdNumbers.length
          ? await em.find(
              Resident,
              { idNumber: { $in: landlordIdNumbers }, communityId },
              { fields: ['id', 'idNumber'] },
            )
          : []
        ).map((r) => [r.idNumber, r.id]),
      );
      const addresses = chunk.map((r) => householdAddress(r.value.building, r.value.unit, r.value.room));
      const households = new Map(
        (await em.find(Household, { communityId, address: { $in: [...new Set(addresses)] } })).map((h) => [
          h.address,
          h,
        ]),
      );
      const createdBuildings: Array<[string, { id: string; gridId: string }]> = [];
      for (const { row, value } of chunk) {
        const reject = (field: string, reason: string) =>
          out.push({ row, outcome: 'REJECTED', residentId: null, field, reason });
        const flatAddress = householdAddress(value.building, value.unit, value.room);
        // A new flat: the landlord of a rented one must be a resident already known (same rule as registerHousehold).
        const landlordResidentId =
          value.landlordIdNumber === null
            ? null
            : (landlords.get(value.landlordIdNumber) ?? createdByIdNumber.get(value.landlordIdNumber) ?? null);
        if (value.landlordIdNumber !== null && !landlordResidentId && !households.has(flatAddress)) {
          reject('landlordIdNumber', `房东（身份证号 ${value.landlordIdNumber}）尚未在本社区登记`);
          continue;
        }
        // Building: matched by name, or created in the named grid.
        let building = buildingByName.get(value.building);
        if (!building) {
          const gridId = value.gridCode ? gridByCode.get(value.gridCode) : undefined;
          if (!value.gridCode) {
            reject('gridCode', `楼栋「${value.building}」尚未登记，新建楼栋须填写网格编码`);
            continue;
          }
          if (!gridId) {
            reject('gridCode', `网格编码 ${value.gridCode} 不存在`);
            continue;
          }
          building = { id: newId(), gridId };
          em.create(Building, {
            id: building.id,
            communityId,
            grid: gridId,
            name: value.building,
            address: value.building,
          });
          announceBuilding(events, building);
          buildingByName.set(value.building, building);
          createdBuildings.push([value.building, building]);
        } else if (value.gridCode && gridByCode.get(value.gridCode) !== building.gridId) {
          reject('gridCode', `楼栋「${value.building}」不在网格 ${value.gridCode}`);
          continue;
        }
        // Household: matched by full address, or created.
        const address = flatAddress;
        let household = households.get(address);
        if (!household) {
          household = em.create(Household, {
            id: newId(),
            communityId,
            building: building.id,
            unit: value.unit,
            room: value.room,
            address,
            housing: value.housing ?? 'OWNED',
            landlordResidentId,
          });
          announceHousehold(events, { id: household.id, buildingId: building.id, gridId: building.gridId });
          households.set(address, household);
        }
        const location = { householdId: household.id, buildingId: building.id, gridId: building.gridId };
        const resident = existing.get(value.idNumber);
        if (!resident) {
          const created = em.create(Resident, {
            id: newId(),
            communityId,
            name: value.name,
            idNumber: value.idNumber,
            gender: value.gender,
            birthDate: value.birthDate,
            phone: value.phone,
            household: household.id,
            relationToHead: value.relationToHead,
            residenceType: value.residenceType,
            residencePermitIssuedOn: value.residencePermitIssuedOn,
            residencePermitExpiresOn: value.residencePermitExpiresOn,
            movedInOn: communityDay(settings.today),
          });
          if (value.relationToHead === 'HEAD' && !household.headResidentId) household.headResidentId = created.id;
          createdByIdNumber.set(value.idNumber, created.id);
          events.record(ResidentRegistered, {
            residentId: created.id,
            ...location,
            gender: value.gender,
            birthDate: value.birthDate,
            residenceType: value.residenceType,
            residencePermitExpiresOn: value.residencePermitExpiresOn,
          });
          out.push({ row, outcome: 'CREATED', residentId: created.id, field: null, reason: null });
          continue;
        }
        if (resident.communityId !== communityId) {
          reject('idNumber', '该居民登记在其他社区');
          continue;
        }
        if (resident.status === 'DECEASED') {
          reject('idNumber', `该居民已登记死亡（${resident.diedOn ?? '日期不详'}），不能导入`);
          continue;
        }
        const changed: string[] = [];
        const set = <
          K extends
            | 'name'
            | 'phone'
            | 'relationToHead'
            | 'residenceType'
            | 'residencePermitIssuedOn'
            | 'residencePermitExpiresOn',
        >(
          key: K,
          next: Resident[K],
        ) => {
          if (resident[key] !== next) {
            resident[key] = next;
            changed.push(key);
          }
        };
        set('name', value.name);
        set('phone', value.phone);
        set('relationToHead', value.relationToHead);
        set('residenceType', value.residenceType);
        set('residencePermitIssuedOn', value.residencePermitIssuedOn);
        set('residencePermitExpiresOn', value.residencePermitExpiresOn);
        const fromHouseholdId = resident.household?.id ?? null;
        const moved = resident.status === 'MOVED_OUT' || fromHouseholdId !== household.id;
        if (moved) {
          const returning = resident.status === 'MOVED_OUT';
          resident.status = 'ACTIVE';
          resident.household = em.getReference(Household, household.id, { wrapped: true });
          resident.movedInOn = communityDay(settings.today);
          if (returning) {
            resident.movedOutOn = null;
            resident.moveOutDestination = null;
          }
          events.record(ResidentMovedIn, {
            residentId: resident.id,
            householdId: household.id,
            buildingId: building.id,
            gridId: building.gridId,
            fromHouseholdId: returning ? null : fromHouseholdId,
            movedInOn: resident.movedInOn,
          });
        }
        if (changed.length > 0) {
          events.record(ResidentUpdated, {
            residentId: resident.id,
            changedFields: changed,
            residenceType: resident.residenceType,
            residencePermitExpiresOn: resident.residencePermitExpiresOn,
          });
        }
        out.push({
          row,
          outcome: moved || changed.length > 0 ? 'UPDATED' : 'UNCHANGED',
          residentId: resident.id,
          field: null,
          reason: null,
        });
      }
      try {
        await em.flush();
      } catch (error) {
        for (const [name] of createdBuildings) buildingByName.delete(name);
        throw error;
      }
      return out;
    });
    results.push(...chunkResults);
    done += chunk.length;
    settings.onProgress?.(done, total);
  }
  results.sort((a, b) => a.row - b.row);
  const count = (outcome: ImportOutcomeCode) => results.filter((r) => r.outcome === outcome).length;
  return {
    total,
    created: count('CREATED'),
    updated: count('UPDATED'),
    unchanged: count('UNCHANGED'),
    rejected: count('REJECTED'),
    results,
  };
}
