import { announceBuilding, announceHousehold } from './announce-places.js';
import { echoed } from '@shequ/errors';
import type { EntityManager } from '@mikro-orm/core';
import { communityDay, ResidentMovedIn, ResidentRegistered, ResidentUpdated } from '@shequ/contracts';
import {
  BulkWrites,
  countNewRollupMembers,
  listMatch,
  newId,
  refreshRollup,
  runPrepared,
  sqlDialectOf,
  type QueuedRows,
} from '@shequ/database';
import { retryingConcurrencyFailures, type BatchedEvents } from '@shequ/messaging';
import { readTabularBatches, type TabularFormat, type TabularRecord } from '../domain/import/tabular-file.js';
import {
  checkImportRow,
  columnOf,
  REQUIRED_COLUMNS,
  type ImportColumn,
  type ImportRow,
} from '../domain/import/import-row.js';
import { SeenIdNumbers } from '../domain/import/seen-id-numbers.js';
import {
  HEAD_TAKEN,
  headAfterArriving,
  headTaken,
  holderAfterLeaving,
  householdAddress,
} from '../domain/household-rules.js';
import { ID_NUMBER_NOT_REGISTRABLE } from '../domain/resident-registration.js';
import { Building } from '../entities/building.js';
import { Grid } from '../entities/grid.js';
import { Household } from '../entities/household.js';
import { birthYear, nameInitial, residentRollup } from './statistics-rollup.js';

export type ImportOutcomeCode = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';

export interface ImportRowResult {
  row: number;
  outcome: ImportOutcomeCode;
  residentId: string | null;
  field: string | null;
  reason: string | null;
}

export interface ImportCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** One chunk's transaction: its EntityManager and the events written with the chunk. */
export interface ImportChunk {
  em: EntityManager;
  events: BatchedEvents;
}

export interface ImportSettings {
  communityId: string;
  today: Date;
  /**
   * Runs one chunk in its own transaction; the events it records are written in it (outbox). A chunk the database
   * aborted as a deadlock or serialisation failure (`isConcurrencyFailure`, also as the cause of what this throws)
   * is run again, from clean state, a few times; only the last failure is reported.
   */
  runChunk<T>(work: (chunk: ImportChunk) => Promise<T>): Promise<T>;
  /** Each chunk's per-row outcomes, in row order, once the chunk is committed (the report is written from here). */
  onRows?(results: readonly ImportRowResult[]): void | Promise<void>;
  /** After each chunk: the counts so far. */
  onProgress?(counts: Readonly<ImportCounts>): void;
  /** Rows per chunk (one transaction, one query per lookup, multi-row writes); default 1000. */
  chunkSize?: number;
  /**
   * Prepare the next chunk while the previous one is being written (`runChunk` is then called for two chunks at
   * once, each on its own connection): the next chunk's checks, lookups and rows are built while the database
   * runs the previous chunk's write, and its own write waits for the previous commit. What the previous chunk
   * created (flats, residents as landlords) is taken from memory, since its lookups may not see it yet. Commits and
   * `onRows` stay in row order; a failed chunk fails the import and the chunk after it writes nothing.
   */
  overlap?: boolean;
  /**
   * With `overlap`: writes a chunk's rows in a transaction of its own elsewhere (the offline import on SQLite: a
   * worker thread, `SqliteWriteWorker`), when the chunk only inserts (new places, residents, their rollup rows and
   * events); the chunk's own transaction then only reads. Called in chunk order, each after the one before
   * committed; a chunk that updates residents or flats writes in its own transaction as without this.
   */
  writeAside?(writes: QueuedRows[]): Promise<void>;
}

/** What a chunk created or touched, for the chunk after it (which may look up before this one commits). */
interface ChunkState {
  /**
   * Settles once the chunk's rows are built (its `households` and `createdHere` complete); replaced when the chunk is
   * built again (`rebuilt`).
   */
  built: Promise<void>;
  /** Settles once the chunk is committed and reported. */
  done: Promise<void>;
  households: Map<string, { id: string; headResidentId: string | null }>;
  createdHere: Map<string, string>;
  /** Its rows went to `writeAside` (its own transaction read only). */
  aside?: boolean;
  /**
   * Times the chunk was built again (its transaction aborted) after it was built once: a chunk after it that took
   * its flats and residents before then took what is not written.
   */
  rebuilt: number;
  /** Settles when the chunk starts to be built again (`rebuilt`); replaced then. */
  again: Promise<void>;
}

/**
 * A chunk built on what the chunk before had not committed yet, and that is not what it committed (its rows were
 * written aside, or it was built again): tried again, alone, once that one is committed.
 */
class BuildAgainAlone extends Error {}

/** The chunk before failed (the import with it): this chunk, waiting for it, is not run again. */
class ChunkBeforeFailed extends Error {
  constructor() {
    super('import: the chunk before failed');
  }
}

type SourceRecord = TabularRecord<ImportColumn>;

/**
 * Reads an import file as a stream of records (CSV, JSON array or NDJSON), in batches (the records of each piece
 * read); a file that cannot be read is bad input.
 */
export function readImportStream(
  format: TabularFormat,
  pieces: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<SourceRecord[]> {
  return readTabularBatches(format, pieces, { columnOf, required: REQUIRED_COLUMNS });
}

/** A resident as stored, as far as the import compares and writes it. */
interface StoredResident {
  id: string;
  communityId: string;
  idNumber: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  phone: string | null;
  householdId: string | null;
  relationToHead: string;
  residenceType: string;
  residencePermitIssuedOn: string | null;
  residencePermitExpiresOn: string | null;
  status: string;
  movedInOn: string | null;
  movedOutOn: string | null;
  moveOutDestination: string | null;
  diedOn: string | null;
  createdAt: Date;
}

const RESIDENT_COLUMNS = `id, community_id, id_number, name, gender, birth_date, phone, household_id, relation_to_head,
  residence_type, residence_permit_issued_on, residence_permit_expires_on, status, moved_in_on, moved_out_on,
  move_out_destination, died_on, created_at`;

type Row = Record<string, unknown>;

/** The resident rollup's key columns as the import fills a new member's row (checked against the definition). */
const NEW_MEMBER_KEYS = [
  'community_id',
  'building_id',
  'gender',
  'birth_date',
  'residence_type',
  'status',
  'care_mask',
  'name_initial',
  'grid_id',
  'birth_year',
];
if (residentRollup.keyColumns.join() !== NEW_MEMBER_KEYS.join())
  throw new Error(`import-residents: the resident rollup's keys are ${residentRollup.keyColumns.join(', ')}`);
const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

function storedResident(row: Row): StoredResident {
  return {
    id: String(row.id),
    communityId: String(row.community_id),
    idNumber: String(row.id_number),
    name: String(row.name),
    gender: text(row.gender),
    birthDate: text(row.birth_date),
    phone: text(row.phone),
    householdId: text(row.household_id),
    relationToHead: String(row.relation_to_head),
    residenceType: String(row.residence_type),
    residencePermitIssuedOn: text(row.residence_permit_issued_on),
    residencePermitExpiresOn: text(row.residence_permit_expires_on),
    status: String(row.status),
    movedInOn: text(row.moved_in_on),
    movedOutOn: text(row.moved_out_on),
    moveOutDestination: text(row.move_out_destination),
    diedOn: text(row.died_on),
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at as string | number),
  };
}

const BUILDING_COLUMNS = ['id', 'community_id', 'grid_id', 'name', 'address', 'leader_resident_id'];
const BUILDING_PROPERTIES = ['id', 'communityId', 'grid', 'name', 'address', 'leaderResidentId'];
const HOUSEHOLD_COLUMNS = [
  'id',
  'community_id',
  'building_id',
  'unit',
  'room',
  'address',
  'housing',
  'head_resident_id',
  'landlord_resident_id',
];
const HOUSEHOLD_PROPERTIES = [
  'id',
  'communityId',
  'building',
  'unit',
  'room',
  'address',
  'housing',
  'headResidentId',
  'landlordResidentId',
];
const RESIDENT_PROPERTIES = [
  'id',
  'communityId',
  'name',
  'idNumber',
  'gender',
  'birthDate',
  'phone',
  'household',
  'relationToHead',
  'residenceType',
  'residencePermitIssuedOn',
  'residencePermitExpiresOn',
  'status',
  'movedInOn',
  'movedOutOn',
  'moveOutDestination',
  'diedOn',
  'permitExpiringNotifiedFor',
  'createdAt',
  'updatedAt',
];
const snake = (property: string) =>
  property === 'household' ? 'household_id' : property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const RESIDENT_INSERT_COLUMNS = RESIDENT_PROPERTIES.map(snake);
/** What an import may change on a stored resident. */
const RESIDENT_MERGE_COLUMNS = [
  'name',
  'phone',
  'relationToHead',
  'residenceType',
  'residencePermitIssuedOn',
  'residencePermitExpiresOn',
  'status',
  'household',
  'movedInOn',
  'movedOutOn',
  'moveOutDestination',
  'updatedAt',
].map(snake);

/**
 * 区级人口库导入, streaming: upserts residents by ID number, one outcome per row, reading the file as it comes and
 * holding one chunk at a time. Per chunk (one transaction): every row is checked with the API's rules (ID number,
 * name, phone, 居住证 dates, one written form of a flat, a rented flat's landlord); a repeated ID number in the file
 * is rejected after its first row (also across chunks); existing residents (and landlords) and households are
 * looked up with one query each; buildings, households and residents are written with multi-row statements, the
 * chunk's events with one multi-row outbox write, and the resident rollup is recounted for the residents touched.
 * A row equal to what is stored is UNCHANGED and publishes nothing; bad rows never block good ones.
 */
export async function importResidentStream(
  source: AsyncIterable<readonly SourceRecord[]> | Iterable<readonly SourceRecord[]>,
  settings: ImportSettings,
): Promise<ImportCounts> {
  const { communityId } = settings;
  const chunkSize = settings.chunkSize ?? 1000;
  const today = communityDay(settings.today);
  const counts: ImportCounts = { total: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const seen = new SeenIdNumbers();
  // Grids and buildings of the community are few: loaded once, kept as plain ids across chunks.
  const [grids, buildings] = await retryingConcurrencyFailures(() =>
    settings.runChunk(
      async ({ em }) =>
        [
          await em.find(Grid, { communityId }, { fields: ['id', 'code'] }),
          await em.find(Building, { communityId }, { fields: ['id', 'name', 'grid'] }),
        ] as const,
    ),
  );
  const gridByCode = new Map(grids.map((g) => [g.code, g.id]));
  const buildingByName = new Map(buildings.map((b) => [b.name, { id: b.id, gridId: b.grid.id }]));
  /** Buildings in `buildingByName` that a chunk not yet committed made, by name: the chunk. */
  const buildingMadeBy = new Map<string, ChunkState>();

  const overlap = settings.overlap === true;
  let pending: SourceRecord[] = [];
  let previous: ChunkState | null = null;
  const runPending = async () => {
    if (pending.length === 0) return;
    const chunk = pending;
    pending = [];
    const before = previous;
    let markBuilt!: () => void;
    let startingAgain!: () => void;
    const state: ChunkState = {
      built: new Promise<void>((resolve) => (markBuilt = resolve)),
      done: Promise.resolve(),
      households: new Map(),
      createdHere: new Map(),
      rebuilt: 0,
      again: new Promise<void>((resolve) => (startingAgain = resolve)),
    };
    state.done = importChunk(chunk, overlap ? before : null, state, markBuilt, startingAgain).then(async (results) => {
      for (const r of results) {
        counts.total += 1;
        if (r.outcome === 'CREATED') counts.created += 1;
        else if (r.outcome === 'UPDATED') counts.updated += 1;
        else if (r.outcome === 'UNCHANGED') counts.unchanged += 1;
        else counts.rejected += 1;
      }
      await settings.onRows?.(results);
      settings.onProgress?.(counts);
    });
    previous = state;
    if (!overlap) return state.done;
    // Awaited later (by the next chunk or at the end); a failure meanwhile is not unhandled.
    state.done.catch(() => undefined);
    // At most two chunks at once: this one is prepared while the one before is written.
    if (before)
      try {
        await before.done;
      } catch (error) {
        await state.done.catch(() => undefined);
        throw error;
      }
  };

  const importChunk = async (
    chunk: SourceRecord[],
    before: ChunkState | null,
    state: ChunkState,
    markBuilt: () => void,
    startingAgain: () => void,
  ): Promise<ImportRowResult[]> => {
    /** The chunk's rows are built (and may be taken by the chunk after it) since its last start. */
    let marked = false;
    let settleBuilt = markBuilt;
    let settleAgain = startingAgain;
    const built = () => {
      marked = true;
      settleBuilt();
    };
    /** `before.rebuilt` and `before.again` when this chunk took `before`'s rows (its build of them was then complete). */
    let beforeRebuilt = 0;
    let beforeAgain: Promise<void> = new Promise<void>(() => undefined);
    let beforeFailed = false;
    before?.done.catch(() => (beforeFailed = true));
    const results: Array<ImportRowResult | null> = chunk.map(() => null);
    const valid: Array<{ index: number; row: number; value: ImportRow; address: string }> = [];
    chunk.forEach((item, index) => {
      const reject = (field: string | null, reason: string) =>
        (results[index] = { row: item.row, outcome: 'REJECTED', residentId: null, field, reason });
      if (!item.record) return reject(null, item.problem ?? '该行无法读取');
      const check = checkImportRow(item.record, settings.today);
      if (!check.ok) return reject(check.field, check.reason);
      const first = seen.firstRowOf(check.value.idNumber, item.row);
      if (first !== null) return reject('idNumber', `身份证号在文件中重复（首次出现在第 ${first} 行）`);
      const { building, unit, room } = check.value;
      valid.push({ index, row: item.row, value: check.value, address: householdAddress(building, unit, room) });
    });
    /** One try at the chunk's transaction; its rows are returned when they are to be written aside. */
    const attempt = (before: ChunkState | null) =>
      settings.runChunk(async ({ em, events }): Promise<QueuedRows[] | null> => {
        const idNumbers = new Set<string>();
        for (const { value } of valid) {
          idNumbers.add(value.idNumber);
          if (value.landlordIdNumber) idNumbers.add(value.landlordIdNumber);
        }
        const stored = new Map<string, StoredResident>();
        const byIdNumber = listMatch(em, 'id_number', [...idNumbers]);
        if (idNumbers.size)
          for (const row of await runPrepared(em, `select ${RESIDENT_COLUMNS} from resident where ${byIdNumber.sql}`, [
            byIdNumber.param,
          ]))
            stored.set(String(row.id_number), storedResident(row));
        const addresses = [...new Set(valid.map((r) => r.address))];
        const households = state.households;
        // by address alone (its index), the community checked here: with `community_id = ?` too, SQLite walks
        // the community's index and tests every household of it against the list (a list parameter has no size)
        const byAddress = listMatch(em, 'address', addresses);
        if (addresses.length)
          for (const row of await runPrepared(
            em,
            `select id, community_id, address, head_resident_id from household where ${byAddress.sql}`,
            [byAddress.param],
          ))
            if (row.community_id === communityId)
              households.set(String(row.address), { id: String(row.id), headResidentId: text(row.head_resident_id) });
        // Stored flats a 户主 row names are locked (PostgreSQL; in id order) and their head read again under the lock:
        // a registration or move of another 户主 into one of them meanwhile is seen, or waits for this chunk.
        const heading = [
          ...new Set(
            valid.filter((r) => r.value.relationToHead === 'HEAD').flatMap((r) => households.get(r.address)?.id ?? []),
          ),
        ].sort();
        if (heading.length && sqlDialectOf(em) === 'postgresql') {
          const byId = listMatch(em, 'id', heading);
          for (const row of await runPrepared(
            em,
            `select address, head_resident_id from household where ${byId.sql} order by id for update`,
            [byId.param],
          )) {
            const known = households.get(String(row.address));
            if (known) known.headResidentId = text(row.head_resident_id);
          }
        }
        // The chunk before was built again since this one took its rows: so is this one (nothing taken from it yet).
        if (before && before.rebuilt !== beforeRebuilt) throw new BuildAgainAlone();
        // The chunk before may not be committed yet: its flats as it left them (with the heads it set) take precedence.
        if (before)
          for (const address of addresses) {
            const known = before.households.get(address);
            if (known) households.set(address, known);
          }

        const newBuildings: Row[] = [];
        const newHouseholds: Row[] = [];
        /** The chunk's new flats by id (their head is set when a HEAD row of theirs comes). */
        const newHouseholdById = new Map<string, Row>();
        const newResidents: unknown[][] = [];
        const changedResidents: Row[] = [];
        const headsOfExisting = new Map<string, string>();
        /**
         * Flats that moving residents left (flat, resident, the building moved to): the flat's head and another
         * building's 楼栋长 are cleared where they were that resident.
         */
        const leftHouseholds: [string | null, string, string][] = [];
        /** Updated residents: recounted from the tables. New ones: counted from what they are. */
        const touched: string[] = [];
        const newMembers: unknown[][] = [];
        const createdHere = state.createdHere;
        const now = new Date();
        for (const { index, row, value, address } of valid) {
          const reject = (field: string, reason: string) =>
            (results[index] = { row, outcome: 'REJECTED', residentId: null, field, reason });
          // Who the row names is checked before any place is made for it: a rejected row writes nothing (no building
          // or flat of its own), and one registered elsewhere is refused without saying where.
          const resident = stored.get(value.idNumber);
          if (resident && resident.communityId !== communityId) {
            reject('idNumber', ID_NUMBER_NOT_REGISTRABLE);
            continue;
          }
          if (resident?.status === 'DECEASED') {
            // the date of death is not told: the importing key need not be one that may read residents
            reject('idNumber', '该居民已登记死亡，不能导入');
            continue;
          }
          // One 户主 a flat: a row arriving as (or becoming) 户主 of a flat headed by someone else is refused (a row that
          // only repeats who is already there as they are changes nothing and is not).
          const flat = households.get(address);
          const staying =
            resident?.status === 'ACTIVE' && resident.householdId === flat?.id && resident.relationToHead === 'HEAD';
          if (flat && !staying && headTaken(flat.headResidentId, resident?.id ?? '', value.relationToHead)) {
            reject('relationToHead', HEAD_TAKEN);
            continue;
          }
          // A new flat: the landlord of a rented one must be a resident already known (same rule as registerHousehold).
          const landlord = value.landlordIdNumber === null ? null : stored.get(value.landlordIdNumber);
          const landlordResidentId =
            value.landlordIdNumber === null
              ? null
              : ((landlord?.communityId === communityId ? landlord.id : undefined) ??
                createdHere.get(value.landlordIdNumber) ??
                before?.createdHere.get(value.landlordIdNumber) ??
                null);
          if (value.landlordIdNumber !== null && !landlordResidentId && !households.has(address)) {
            // the number is not echoed: the importing key may not see ID numbers raw, and reasons go to report files
            reject('landlordIdNumber', '该行房东身份证号对应的居民尚未在本社区登记，请先登记房东');
            continue;
          }
          // Building: matched by name, or created in the named grid.
          let building = buildingByName.get(value.building);
          if (!building) {
            if (!value.gridCode) {
              reject('gridCode', `楼栋「${value.building}」尚未登记，新建楼栋须填写网格编码`);
              continue;
            }
            const gridId = gridByCode.get(value.gridCode);
            if (!gridId) {
              reject('gridCode', `网格编码 ${echoed(value.gridCode)} 不存在`);
              continue;
            }
            building = { id: newId(), gridId };
            newBuildings.push({
              id: building.id,
              communityId,
              grid: gridId,
              name: value.building,
              address: value.building,
              leaderResidentId: null,
            });
            announceBuilding(events, building, { newRecord: true });
            buildingByName.set(value.building, building);
            buildingMadeBy.set(value.building, state);
          } else if (value.gridCode && gridByCode.get(value.gridCode) !== building.gridId) {
            reject('gridCode', `楼栋「${value.building}」不在网格 ${value.gridCode}`);
            continue;
          }
          // Household: matched by full address, or created.
          let household = households.get(address);
          if (!household) {
            household = { id: newId(), headResidentId: null };
            const fresh: Row = {
              id: household.id,
              communityId,
              building: building.id,
              unit: value.unit,
              room: value.room,
              address,
              housing: value.housing ?? 'OWNED',
              headResidentId: null,
              landlordResidentId,
            };
            newHouseholds.push(fresh);
            newHouseholdById.set(household.id, fresh);
            announceHousehold(
              events,
              { id: household.id, buildingId: building.id, gridId: building.gridId },
              { newRecord: true },
            );
            households.set(address, household);
          }
          const location = { householdId: household.id, buildingId: building.id, gridId: building.gridId };
          if (!resident) {
            const id = newId();
            // in RESIDENT_PROPERTIES order (no object per row)
            newResidents.push([
              id,
              communityId,
              value.name,
              value.idNumber,
              value.gender,
              value.birthDate,
              value.phone,
              household.id,
              value.relationToHead,
              value.residenceType,
              value.residencePermitIssuedOn,
              value.residencePermitExpiresOn,
              'ACTIVE',
              today,
              null,
              null,
              null,
              null,
              now,
              now,
            ]);
            if (value.relationToHead === 'HEAD' && !household.headResidentId) {
              household.headResidentId = id;
              const fresh = newHouseholdById.get(household.id);
              if (fresh) fresh.headResidentId = id;
              else headsOfExisting.set(household.id, id);
            }
            createdHere.set(value.idNumber, id);
            // the rollup member row: id, then the keys in residentRollup.keyColumns order (NEW_MEMBER_KEYS)
            newMembers.push([
              id,
              communityId,
              building.id,
              value.gender,
              value.birthDate,
              value.residenceType,
              'ACTIVE',
              0,
              nameInitial(value.name),
              building.gridId,
              birthYear(value.birthDate),
            ]);
            events.record(
              ResidentRegistered,
              {
                residentId: id,
                ...location,
                gender: value.gender,
                birthDate: value.birthDate,
                residenceType: value.residenceType,
                residencePermitExpiresOn: value.residencePermitExpiresOn,
              },
              { newRecord: true },
            );
            results[index] = { row, outcome: 'CREATED', residentId: id, field: null, reason: null };
            continue;
          }
          const changed: string[] = [];
          const next = { ...resident };
          const set = <K extends keyof StoredResident & keyof ImportRow>(key: K) => {
            if (resident[key] !== value[key]) {
              (next as Record<K, unknown>)[key] = value[key];
              changed.push(key);
            }
          };
          set('name');
          set('phone');
          set('relationToHead');
          set('residenceType');
          set('residencePermitIssuedOn');
          set('residencePermitExpiresOn');
          const returning = resident.status === 'MOVED_OUT';
          const moved = returning || resident.householdId !== household.id;
          const arriveAsHead = (flat: { id: string; headResidentId: string | null }) => {
            const headed = headAfterArriving(flat.headResidentId, resident.id, value.relationToHead);
            if (headed !== flat.headResidentId) {
              flat.headResidentId = headed;
              const fresh = newHouseholdById.get(flat.id);
              if (fresh) fresh.headResidentId = headed;
              else headsOfExisting.set(flat.id, resident.id);
            }
          };
          if (!moved && changed.includes('relationToHead')) {
            // re-related within the flat, as updateResident: HEAD takes a flat without a head, no longer HEAD leaves it
            if (value.relationToHead === 'HEAD') arriveAsHead(household);
            else if (household.headResidentId === resident.id) {
              household.headResidentId = null;
              leftHouseholds.push([household.id, resident.id, building.id]);
            }
          }
          if (moved) {
            // the flat left behind keeps no head who lives elsewhere; one arriving as HEAD heads a flat without one
            leftHouseholds.push([resident.householdId, resident.id, building.id]);
            arriveAsHead(household);
            next.status = 'ACTIVE';
            next.householdId = household.id;
            next.movedInOn = today;
            if (returning) {
              next.movedOutOn = null;
              next.moveOutDestination = null;
            }
            events.record(ResidentMovedIn, {
              residentId: resident.id,
              ...location,
              fromHouseholdId: returning ? null : resident.householdId,
              movedInOn: today,
            });
          }
          if (changed.length > 0)
            events.record(ResidentUpdated, {
              residentId: resident.id,
              changedFields: changed,
              residenceType: next.residenceType as ImportRow['residenceType'],
              residencePermitExpiresOn: next.residencePermitExpiresOn,
            });
          const outcome = moved || changed.length > 0 ? 'UPDATED' : 'UNCHANGED';
          if (outcome === 'UPDATED') {
            const { householdId, ...rest } = next;
            changedResidents.push({ ...rest, household: householdId, permitExpiringNotifiedFor: null, updatedAt: now });
            touched.push(resident.id);
          }
          results[index] = { row, outcome, residentId: resident.id, field: null, reason: null };
        }
        // Only inserts (new places, residents, their rollup rows and events, nothing read back): written aside.
        const aside = settings.writeAside !== undefined && changedResidents.length === 0 && headsOfExisting.size === 0;
        // A chunk written here after one written aside: this transaction may have read before that one committed
        // (SQLite would refuse its write), so it is tried again once the one before is committed.
        if (!aside && before?.aside) throw new BuildAgainAlone();
        // (a chunk of unchanged rows writes nothing, aside or here)
        state.aside = aside && events.size > 0;
        built();
        // The write waits for the chunk before to commit (and fails with it); one built again meanwhile writes other
        // rows than those taken here: this transaction ends at once (its locks, SQLite's turn, are the new run's).
        if (before && !aside) {
          await Promise.race([before.done, beforeAgain]);
          if (before.rebuilt !== beforeRebuilt) throw new BuildAgainAlone();
        }
        // Written together (PostgreSQL: one statement for every table), parents first: places, residents, the new
        // residents' rollup rows, the outbox; then what reads the tables back (heads of existing flats, the rollup of
        // updated residents).
        const writes = new BulkWrites();
        const rowsOf = (objects: Row[], properties: readonly string[]) =>
          objects.map((o) => properties.map((p) => o[p]));
        writes.queue('building', BUILDING_COLUMNS, rowsOf(newBuildings, BUILDING_PROPERTIES));
        writes.queue('household', HOUSEHOLD_COLUMNS, rowsOf(newHouseholds, HOUSEHOLD_PROPERTIES));
        writes.queue('resident', RESIDENT_INSERT_COLUMNS, newResidents);
        writes.queue('resident', RESIDENT_INSERT_COLUMNS, rowsOf(changedResidents, RESIDENT_PROPERTIES), {
          suffix: `on conflict ("id") do update set ${RESIDENT_MERGE_COLUMNS.map((c) => `"${c}" = excluded."${c}"`).join(', ')}`,
        });
        await countNewRollupMembers(em, residentRollup, newMembers, writes);
        if (aside) {
          // every event here is of a record created in this chunk: numbered without reading, only queued
          await events.writeTo(em, {
            insert: () => Promise.reject(new Error('import: a chunk written aside reads nothing back')),
            queue: (...args) => writes.queue(...args),
          });
          return writes.take();
        }
        await events.writeTo(em, writes);
        await writes.flush(em);
        for (const [householdId, leaving, buildingId] of leftHouseholds) {
          if (householdId)
            await em.nativeUpdate(
              Household,
              { id: householdId, headResidentId: leaving },
              { headResidentId: holderAfterLeaving(leaving, leaving) },
            );
          await em.nativeUpdate(
            Building,
            { id: { $ne: buildingId }, leaderResidentId: leaving },
            { leaderResidentId: holderAfterLeaving(leaving, leaving) },
          );
        }
        for (const [householdId, headResidentId] of headsOfExisting)
          await em.nativeUpdate(Household, { id: householdId, headResidentId: null }, { headResidentId });
        if (touched.length) await refreshRollup(em, residentRollup, touched, em.getTransactionContext());
        return null;
      });
    /** The buildings this chunk made (or, `later`, every chunk after it), as they are not written. */
    const forget = (later = false) => {
      for (const [name, maker] of buildingMadeBy)
        if (maker === state || later) {
          buildingByName.delete(name);
          buildingMadeBy.delete(name);
        }
    };
    /**
     * Again from clean state, alone, once the chunk before is committed (its rows are then read from the tables):
     * nothing of the failed try is kept (places, residents and outcomes it made; its events went with its
     * transaction), and a chunk after this one waits for the new build, or builds again if it took the old one.
     */
    const startAgain = async () => {
      for (const { index } of valid) results[index] = null;
      state.households.clear();
      state.createdHere.clear();
      state.aside = false;
      if (marked) {
        marked = false;
        state.rebuilt += 1;
        state.built = new Promise<void>((resolve) => (settleBuilt = resolve));
        const tell = settleAgain;
        state.again = new Promise<void>((resolve) => (settleAgain = resolve));
        tell();
      }
      if (before) await before.done;
      // the buildings of the chunk after this one too: made from this one's rows as they were, it builds again
      forget(true);
    };
    let tries = 0;
    const tryOnce = async (): Promise<QueuedRows[] | null> => {
      const first = tries++ === 0;
      if (!first) await startAgain();
      const from = first ? before : null;
      const rows = await attempt(from);
      if (rows && from) {
        // in chunk order: after the chunk before is committed (and not when it failed), as it was taken here
        await from.done;
        if (from.rebuilt !== beforeRebuilt) throw new BuildAgainAlone();
      }
      return rows;
    };
    try {
      // The chunk before builds first (its flats and residents are what this one may refer to): its last build.
      if (before)
        for (;;) {
          const waited = before.built;
          await waited;
          if (waited !== before.built) continue;
          beforeRebuilt = before.rebuilt;
          beforeAgain = before.again;
          break;
        }
      // A try the database aborted as a deadlock or serialisation failure wrote nothing: the chunk runs again.
      const aside = await retryingConcurrencyFailures(async () => {
        try {
          return await tryOnce();
        } catch (error) {
          // (its failure, also a deadlock's, is the import's: runPending reports it)
          if (beforeFailed) throw new ChunkBeforeFailed();
          if (!(error instanceof BuildAgainAlone)) throw error;
          return tryOnce();
        }
      });
      if (aside?.length) await settings.writeAside!(aside);
      // written: the buildings it made are the tables' now
      for (const [name, maker] of buildingMadeBy) if (maker === state) buildingMadeBy.delete(name);
    } catch (error) {
      forget();
      throw error;
    } finally {
      settleBuilt();
    }
    return results as ImportRowResult[];
  };

  try {
    for await (const batch of source)
      for (const record of batch) {
        pending.push(record);
        if (pending.length >= chunkSize) await runPending();
      }
    await runPending();
  } catch (error) {
    // A file that stops being readable: the chunk still being written finishes (committed and reported) first.
    await (previous as ChunkState | null)?.done.catch(() => undefined);
    throw error;
  }
  if (previous) await (previous as ChunkState).done;
  return counts;
}
