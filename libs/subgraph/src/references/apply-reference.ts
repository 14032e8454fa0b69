import type { EntityManager } from '@mikro-orm/core';
import { ReferenceProjection, type ReferenceKind } from './reference-projection.js';

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
  /** When the source recorded these facts (the event's `occurredAt`). */
  occurredAt: Date;
}

/**
 * Upserts one projection row; idempotent, and a fact older than what the row was last updated from is ignored
 * (redelivery and replay never move the row backwards). Returns whether it changed anything.
 */
export async function applyReferenceFacts(em: EntityManager, facts: ReferenceFacts): Promise<boolean> {
  let row = await em.findOne(ReferenceProjection, { kind: facts.kind, id: facts.id });
  if (row && row.sourceOccurredAt.getTime() > facts.occurredAt.getTime()) return false;
  row ??= em.create(ReferenceProjection, {
    kind: facts.kind,
    id: facts.id,
    communityId: facts.communityId,
    sourceOccurredAt: facts.occurredAt,
  });
  row.communityId = facts.communityId;
  if (facts.status !== undefined) row.status = facts.status;
  if (facts.parentId !== undefined) row.parentId = facts.parentId;
  if (facts.gridId !== undefined) row.gridId = facts.gridId;
  if (facts.department !== undefined) row.department = facts.department;
  if (facts.gridIds !== undefined) row.gridIds = facts.gridIds.join(',');
  if (facts.birthDate !== undefined) row.birthDate = facts.birthDate;
  row.sourceOccurredAt = facts.occurredAt;
  return true;
}

/** The demo community (or any dataset of that shape) as reference facts: seeds fill the projection with these. */
export interface ReferenceDataset {
  community: { code: string };
  grids: Array<{ id: string }>;
  buildings: Array<{ id: string; gridId: string }>;
  households: Array<{ id: string; buildingId: string }>;
  residents: Array<{ id: string; householdId: string; birthDate: string }>;
  staff: Array<{ id: string; department: string; gridIds: string[] }>;
  organizations: Array<{ id: string; gridId: string | null }>;
}

export function referenceFactsOf(data: ReferenceDataset, occurredAt: Date): ReferenceFacts[] {
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
export async function seedReferenceProjection(em: EntityManager, data: ReferenceDataset): Promise<void> {
  const at = new Date(0);
  const known = new Set(
    (await em.find(ReferenceProjection, { communityId: data.community.code }, { fields: ['kind', 'id'] })).map(
      (r) => `${r.kind}:${r.id}`,
    ),
  );
  const fresh = referenceFactsOf(data, at).filter((f) => !known.has(`${f.kind}:${f.id}`));
  const rows = fresh.map((f) => ({
    kind: f.kind,
    id: f.id,
    communityId: f.communityId,
    status: f.status ?? 'ACTIVE',
    parentId: f.parentId ?? null,
    gridId: f.gridId ?? null,
    department: f.department ?? null,
    gridIds: f.gridIds?.join(',') ?? '',
    birthDate: f.birthDate ?? null,
    sourceOccurredAt: f.occurredAt,
  }));
  for (let i = 0; i < rows.length; i += 500) await em.insertMany(ReferenceProjection, rows.slice(i, i + 500));
}
