import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { InvalidInputError } from '@shequ/errors';
import { communityWhere, inCommunityScope, ReferenceProjection, type SubgraphContext } from '@shequ/subgraph';
import { Case } from '../entities/case.js';
import { GridProjection } from '../entities/grid-projection.js';
import { ResidentProjection } from '../entities/resident-projection.js';
import type { Visit } from '../entities/visit.js';
import { householdGrid } from './visits.js';
import { timelineActor, type TimelineActor } from './workflow-actor.js';

/**
 * Cases the caller may see: its community (or region); a departmental role only its department's cases;
 * a grid worker only cases of its own grids (codes mapped to ids through the grid projection).
 */
export async function caseScope(ctx: SubgraphContext): Promise<FilterQuery<Case>[]> {
  const scope: FilterQuery<Case>[] = [communityWhere(ctx.access)];
  const departments = ctx.access.caseDepartments();
  if (departments) scope.push({ department: { $in: departments } });
  const grids = await visibleGridIds(ctx);
  if (grids) scope.push({ gridId: { $in: [...grids] } });
  return scope;
}

/**
 * The grid ids a grid worker may see (their grid codes mapped through the grid projection); null for callers not
 * limited to grids.
 */
export async function visibleGridIds(ctx: SubgraphContext): Promise<Set<string> | null> {
  const gridCodes = ctx.access.gridCodes();
  if (!gridCodes) return null;
  // once per request, whatever the number of rows it scopes
  const ids = await ctx.loaders.once('cases.visibleGridIds', async () =>
    (await ctx.em.find(GridProjection, { code: { $in: gridCodes } })).map((g) => g.gridId),
  );
  return new Set(ids);
}

/** Row scope for one case already loaded. */
export async function caseVisible(ctx: SubgraphContext, record: Case): Promise<boolean> {
  if (!inCommunityScope(ctx.access, record.communityId)) return false;
  const departments = ctx.access.caseDepartments();
  if (departments && !departments.includes(record.department)) return false;
  const gridCodes = ctx.access.gridCodes();
  if (!gridCodes) return true;
  if (!record.gridId) return false;
  const grid = await ctx.loaders.byKey(GridProjection, 'gridId').load(record.gridId);
  return !!grid && gridCodes.includes(grid.code);
}

/**
 * The visits of one household the caller may see: its community; a grid worker only visits in its grids (a visit
 * recorded without a grid counts in the household's current grid); a visit about a case only if the caller sees
 * the case (its notes are the case's timeline step «走访：…», which a department not handling the case does not see).
 */
export async function visibleHouseholdVisits(
  ctx: SubgraphContext,
  householdId: string,
  rows: readonly Visit[],
): Promise<Visit[]> {
  const inScope = rows.filter((visit) => inCommunityScope(ctx.access, visit.communityId));
  // the linked cases loaded together (one batch for every household of the page), not one visit after another
  const visibleCases = new Map<string, boolean>();
  const caseIds = [...new Set(inScope.flatMap((visit) => (visit.caseId ? [visit.caseId] : [])))];
  const linked = await ctx.loaders.byId(Case).loadMany(caseIds);
  await Promise.all(
    caseIds.map(async (id, i) => {
      const record = linked[i];
      if (record instanceof Error) throw record;
      visibleCases.set(id, !!record && (await caseVisible(ctx, record)));
    }),
  );
  const inCommunity = inScope.filter((visit) => !visit.caseId || visibleCases.get(visit.caseId));
  const grids = await visibleGridIds(ctx);
  if (!grids) return inCommunity;
  let currentGrid: string | null | undefined;
  const visible: Visit[] = [];
  for (const visit of inCommunity) {
    let gridId = visit.gridId;
    if (!gridId)
      gridId = currentGrid === undefined ? (currentGrid = await householdGrid(ctx.em, householdId)) : currentGrid;
    if (gridId && grids.has(gridId)) visible.push(visit);
  }
  return visible;
}

/** The grid a household or resident is in, as this service knows it (reference facts, else the resident projection). */
export async function gridOf(em: EntityManager, kind: 'HOUSEHOLD' | 'RESIDENT', id: string): Promise<string | null> {
  const fact = await em.findOne(ReferenceProjection, { kind, id }, { fields: ['kind', 'id', 'gridId'] });
  if (fact?.gridId) return fact.gridId;
  if (kind === 'HOUSEHOLD') return householdGrid(em, id);
  return (await em.findOne(ResidentProjection, { residentId: id }))?.gridId ?? null;
}

/**
 * Who opens a case, as `openCase` needs to know it on every path (the mutation, Open311 intake, seeds): the actor
 * written on the timeline and, for a grid worker (网格员), the grids it works in — it registers matters of its own
 * grids only (a case notes a contact with its reporter and settles their proactive tasks, as a visit does).
 */
export interface CaseOpener {
  actor: TimelineActor;
  /** Grid ids the opener is limited to; null for callers not limited to grids. */
  grids: ReadonlySet<string> | null;
}

/** The caller of a request as the opener of a case. */
export async function caseOpener(ctx: SubgraphContext): Promise<CaseOpener> {
  return { actor: timelineActor(ctx.principal), grids: await visibleGridIds(ctx) };
}

/**
 * Row scope of what a visit is about, checked before it is written: a grid worker logs visits to households and
 * residents of its own grids only (a visit notes a contact and closes the person's proactive tasks), and a case a
 * visit is linked to (its timeline gets the step) must be one the caller sees. Refused as the missing reference
 * would be (BAD_USER_INPUT naming the field), saying nothing of what lies outside the caller's rows.
 */
export async function checkVisitScope(
  ctx: SubgraphContext,
  visit: { householdId?: string | null; residentId?: string | null; caseId?: string | null },
): Promise<void> {
  if (visit.caseId) {
    const linked = await ctx.em.findOne(Case, { id: visit.caseId });
    if (!linked || !(await caseVisible(ctx, linked))) throw new InvalidInputError('caseId', '关联的事项不存在');
  }
  const grids = await visibleGridIds(ctx);
  if (!grids) return;
  for (const [field, kind, id, label] of [
    ['householdId', 'HOUSEHOLD', visit.householdId, '住户'],
    ['residentId', 'RESIDENT', visit.residentId, '居民'],
  ] as const) {
    if (!id) continue;
    const grid = await gridOf(ctx.em, kind, id);
    if (!grid || !grids.has(grid)) throw new InvalidInputError(field, `${label}「${id}」不存在或不在您负责的网格内`);
  }
}
