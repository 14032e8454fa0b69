import type { EntityManager } from '@mikro-orm/core';
import { upsertPlainRow, type AfterCommit } from '@shequ/database';
import type { ServiceName } from '@shequ/contracts';
import { ReferenceProjection, type ReferenceKind } from './reference-projection.js';
import { keepsResidentFact } from './resident-facts.js';

/**
 * A building redrawn into another grid: its row, and those of its households and their residents, take the new
 * grid (what other services route by from then on).
 */
export async function moveBuildingFacts(
  em: EntityManager,
  move: { buildingId: string; toGridId: string; communityId: string; occurredAt: Date },
): Promise<void> {
  await applyReferenceFacts(em, {
    kind: 'BUILDING',
    id: move.buildingId,
    communityId: move.communityId,
    parentId: move.toGridId,
    gridId: move.toGridId,
    occurredAt: move.occurredAt,
  });
  const households = await em.find(
    ReferenceProjection,
    { kind: 'HOUSEHOLD', parentId: move.buildingId },
    { fields: ['kind', 'id'] },
  );
  if (households.length === 0) return;
  const householdIds = households.map((h) => h.id);
  await em.nativeUpdate(
    ReferenceProjection,
    { kind: 'HOUSEHOLD', id: { $in: householdIds } },
    { gridId: move.toGridId },
  );
  for (let i = 0; i < householdIds.length; i += 500)
    await em.nativeUpdate(
      ReferenceProjection,
      { kind: 'RESIDENT', parentId: { $in: householdIds.slice(i, i + 500) } },
      { gridId: move.toGridId },
    );
}

/**
 * The residents living in a building, as the reference projection knows them (residents of its households): for a
 * service's own copy of residents' grids, which must follow the building when it is redrawn into another grid. The
 * building's households and their residents do not change with the move, so this holds whether the projection has
 * applied the move yet or not.
 */
export async function residentIdsInBuilding(em: EntityManager, buildingId: string): Promise<string[]> {
  const households = await em.find(
    ReferenceProjection,
    { kind: 'HOUSEHOLD', parentId: buildingId },
    { fields: ['kind', 'id'] },
  );
  const residentIds: string[] = [];
  for (let i = 0; i < households.length; i += 500) {
    const residents = await em.find(
      ReferenceProjection,
      { kind: 'RESIDENT', parentId: { $in: households.slice(i, i + 500).map((h) => h.id) } },
      { fields: ['kind', 'id'] },
    );
    residentIds.push(...residents.map((r) => r.id));
  }
  return residentIds;
}

/** Facts about one referenced record, as an event or a seed states them (absent = unchanged). */
export interface ReferenceFacts {
  kind: ReferenceKind;
  id: string;
  communityId: string;
  status?: string;
  parentId?: string | null;
  gridId?: string | null;
  department?: string | null;
  gridIds?: string[];
  birthDate?: string | null;
  /** Resident: gender, only where the service keeps it (`RESIDENT_FACTS_KEPT`). */
  gender?: string | null;
  /** When the source recorded these facts (the event's `occurredAt`). */
  occurredAt: Date;
}

/** The columns a fact may set (property of `ReferenceFacts` → column of `reference_projection`). */
const FACT_COLUMNS = {
  status: 'status',
  parentId: 'parent_id',
  gridId: 'grid_id',
  department: 'department',
  gridIds: 'grid_ids',
  birthDate: 'birth_date',
  gender: 'gender',
} as const;

/** The projection row of a fact as it is first inserted (what the fact leaves out takes its default). */
export function referenceRowOf(facts: ReferenceFacts) {
  return {
    kind: facts.kind,
    id: facts.id,
    communityId: facts.communityId,
    status: facts.status ?? 'ACTIVE',
    parentId: facts.parentId ?? null,
    gridId: facts.gridId ?? null,
    department: facts.department ?? null,
    gridIds: facts.gridIds?.join(',') ?? '',
    birthDate: facts.birthDate ?? null,
    gender: facts.gender ?? null,
    sourceOccurredAt: facts.occurredAt,
  };
}

/** Every column of a row (property of `referenceRowOf` → column of `reference_projection`). */
const ROW_COLUMNS = {
  kind: 'kind',
  id: 'id',
  communityId: 'community_id',
  ...FACT_COLUMNS,
  sourceOccurredAt: 'source_occurred_at',
} as const;

/** `referenceRowOf` by column name (built directly: it runs for most consumed residents events). */
function referenceColumnsOf(facts: ReferenceFacts): Record<string, unknown> {
  const row = referenceRowOf(facts);
  const columns: Record<string, unknown> = {};
  for (const key in row) columns[ROW_COLUMNS[key as keyof typeof ROW_COLUMNS]] = row[key as keyof typeof row];
  return columns;
}

/**
 * Upserts one projection row; idempotent, and a fact older than what the row was last updated from is ignored
 * (redelivery and replay never move the row backwards). Returns whether it changed anything. One plain statement
 * (no look-up, no entity: it runs for most of residents' events in every service); entities of the projection
 * already loaded in `em` do not see the change.
 */
export async function applyReferenceFacts(em: EntityManager, facts: ReferenceFacts): Promise<boolean> {
  const given = (Object.keys(FACT_COLUMNS) as (keyof typeof FACT_COLUMNS)[]).filter((key) => facts[key] !== undefined);
  const row = await upsertPlainRow<{ kind: string }>(em, {
    table: 'reference_projection',
    key: ['kind', 'id'],
    insert: referenceColumnsOf(facts),
    update: ['community_id', ...given.map((key) => FACT_COLUMNS[key]), 'source_occurred_at'],
    onlyIf: 'reference_projection.source_occurred_at <= excluded.source_occurred_at',
    returning: ['kind'],
  });
  return row !== undefined;
}

/**
 * Records a household or building a resident's event implies, if the projection does not know it yet (a known one
 * is left as it is): one plain statement.
 */
export async function impliedReference(
  em: EntityManager,
  facts: Pick<ReferenceFacts, 'kind' | 'id' | 'communityId' | 'occurredAt'> & {
    parentId: string | null;
    gridId: string | null;
  },
): Promise<void> {
  await upsertPlainRow(em, {
    table: 'reference_projection',
    key: ['kind', 'id'],
    insert: {
      kind: facts.kind,
      id: facts.id,
      community_id: facts.communityId,
      status: 'ACTIVE',
      parent_id: facts.parentId,
      grid_id: facts.gridId,
      department: null,
      grid_ids: '',
      birth_date: null,
      gender: null,
      source_occurred_at: facts.occurredAt,
    },
    update: [],
    returning: ['kind'],
  });
}

/** The households and buildings a process remembers as known at most (the oldest learnt is forgotten first). */
const KNOWN_PLACES_LIMIT = 20_000;

/**
 * `impliedReference` for a consumer that sees the same households and buildings implied by event after event (every
 * resident's registration or move names both): a row this process has seen committed is not written again. Exact:
 * an implied row never changes an existing one and no path deletes projection rows, so once a row is committed the
 * statement would change nothing. Learns only from committed transactions (`afterCommit`: a rolled-back batch leaves
 * nothing marked known) and remembers at most `limit` rows.
 */
export class ImpliedPlaces {
  private readonly known = new Set<string>();

  constructor(
    private readonly afterCommit: AfterCommit,
    private readonly limit = KNOWN_PLACES_LIMIT,
  ) {}

  async imply(em: EntityManager, facts: Parameters<typeof impliedReference>[1]): Promise<void> {
    const key = `${facts.kind}:${facts.id}`;
    if (this.known.has(key)) return;
    await impliedReference(em, facts);
    this.afterCommit.run(em, () => this.learn(key));
  }

  /** Whether a row is remembered as known (tests). */
  knows(kind: ReferenceKind, id: string): boolean {
    return this.known.has(`${kind}:${id}`);
  }

  private learn(key: string): void {
    if (this.known.has(key)) return;
    if (this.known.size >= this.limit) this.known.delete(this.known.values().next().value as string);
    this.known.add(key);
  }
}

/** The demo community (or any dataset of that shape) as reference facts: seeds fill the projection with these. */
export interface ReferenceDataset {
  community: { code: string };
  grids: Array<{ id: string }>;
  buildings: Array<{ id: string; gridId: string }>;
  households: Array<{ id: string; buildingId: string }>;
  residents: Array<{ id: string; householdId: string; birthDate: string; gender?: string | null }>;
  staff: Array<{ id: string; department: string; gridIds: string[] }>;
  organizations: Array<{ id: string; gridId: string | null }>;
}

/**
 * `service`: the service whose projection the facts are for; a resident's personal facts beyond the birth date are
 * included only where it keeps them (`RESIDENT_FACTS_KEPT`).
 */
export function referenceFactsOf(data: ReferenceDataset, occurredAt: Date, service?: ServiceName): ReferenceFacts[] {
  const gender = service !== undefined && keepsResidentFact(service, 'gender');
  const communityId = data.community.code;
  const buildingGrid = new Map(data.buildings.map((b) => [b.id, b.gridId]));
  const householdGrid = new Map(data.households.map((h) => [h.id, buildingGrid.get(h.buildingId) ?? null]));
  const base = { communityId, occurredAt };
  return [
    { ...base, kind: 'COMMUNITY' as const, id: communityId, parentId: communityId.slice(0, 9) },
    ...data.grids.map((g) => ({ ...base, kind: 'GRID' as const, id: g.id, gridId: g.id })),
    ...data.buildings.map((b) => ({
      ...base,
      kind: 'BUILDING' as const,
      id: b.id,
      parentId: b.gridId,
      gridId: b.gridId,
    })),
    ...data.households.map((h) => ({
      ...base,
      kind: 'HOUSEHOLD' as const,
      id: h.id,
      parentId: h.buildingId,
      gridId: householdGrid.get(h.id) ?? null,
    })),
    ...data.residents.map((r) => ({
      ...base,
      kind: 'RESIDENT' as const,
      id: r.id,
      status: 'ACTIVE',
      parentId: r.householdId,
      gridId: householdGrid.get(r.householdId) ?? null,
      birthDate: r.birthDate,
      ...(gender ? { gender: r.gender ?? null } : {}),
    })),
    ...data.staff.map((s) => ({
      ...base,
      kind: 'STAFF' as const,
      id: s.id,
      status: 'ACTIVE',
      department: s.department,
      gridIds: s.gridIds,
    })),
    ...data.organizations.map((o) => ({ ...base, kind: 'ORGANIZATION' as const, id: o.id, gridId: o.gridId })),
  ];
}

/**
 * Fills the projection from a dataset in one go (demo seeds); rows already there are left alone. Seeded rows date
 * from the epoch: any event residents publishes about them is newer and applies.
 */
export async function seedReferenceProjection(
  em: EntityManager,
  data: ReferenceDataset,
  service?: ServiceName,
): Promise<void> {
  const at = new Date(0);
  const known = new Set(
    (await em.find(ReferenceProjection, { communityId: data.community.code }, { fields: ['kind', 'id'] })).map(
      (r) => `${r.kind}:${r.id}`,
    ),
  );
  const fresh = referenceFactsOf(data, at, service).filter((f) => !known.has(`${f.kind}:${f.id}`));
  const rows = fresh.map(referenceRowOf);
  for (let i = 0; i < rows.length; i += 500) await em.insertMany(ReferenceProjection, rows.slice(i, i + 500));
}
