import type { EntityManager } from '@mikro-orm/core';
import { ProactiveTaskClosed, ProactiveTaskCreated, SYSTEM_ACTOR, type CareCategory } from '@shequ/contracts';
import { executePlain, forUpdate, newId, scanKeysetPages, scanProgressLogger } from '@shequ/database';
import { eventSink, type Outbox } from '@shequ/messaging';
import type { Orm } from '@shequ/database';
import type { UnitOfWork } from '@shequ/subgraph';
import type { CaseScanOptions } from './overdue-scan.js';
import { evaluateRules, settledBy, type ProactiveFact, type TaskDraft } from '../domain/proactive-rules/index.js';
import type { ProactiveTaskClosing } from '../domain/vocabularies.js';
import { ProactiveTask } from '../entities/proactive-task.js';
import { ResidentProjection } from '../entities/resident-projection.js';

/** A visit, a case or an event attendance: remembered as the resident's last contact. */
export async function noteContact(em: EntityManager, residentId: string, at: Date): Promise<void> {
  const row = await em.findOne(ResidentProjection, { residentId });
  if (row && (!row.lastContactAt || row.lastContactAt < at)) row.lastContactAt = at;
}

/**
 * Opens the tasks rules asked for, once per rule/resident/key, and never two open tasks of one rule for one resident.
 * Flushes the unit of work's pending changes first (the checks read the table: a task just closed) and the new tasks
 * after: for one event. A scan of many residents in one unit of work uses `TaskOpening` and flushes once per page.
 */
export async function openTasks(
  uow: UnitOfWork,
  drafts: readonly TaskDraft[],
  communityId: string,
  now: Date,
): Promise<ProactiveTask[]> {
  if (drafts.length === 0) return [];
  await uow.em.flush();
  const opened = await new TaskOpening(uow.em).open(uow.events, drafts, communityId, now);
  await uow.em.flush();
  return opened;
}

/**
 * Opens tasks of many drafts in one unit of work without flushing it: each flush computes change sets over every
 * entity the EntityManager holds, so a flush per resident of a scan page costs O(page²). What the table shows is
 * checked with one plain statement per draft; the tasks opened here and not flushed yet are remembered by key. The
 * caller flushes the pending changes the checks must see before the first `open`, and the new tasks once at the end
 * (the page's commit does).
 */
export class TaskOpening {
  /** `key:<dedupKey>` and `open:<rule>:<resident>` of the tasks opened here, not in the table until flushed. */
  private readonly pending = new Set<string>();

  constructor(private readonly em: EntityManager) {}

  async open(
    events: UnitOfWork['events'],
    drafts: readonly TaskDraft[],
    communityId: string,
    now: Date,
  ): Promise<ProactiveTask[]> {
    const opened: ProactiveTask[] = [];
    for (const draft of drafts) {
      const dedupKey = `${draft.rule}:${draft.residentId}:${draft.key}`;
      const openKey = `open:${draft.rule}:${draft.residentId}`;
      if (this.pending.has(`key:${dedupKey}`) || this.pending.has(openKey)) continue;
      if (await taskBlocks(this.em, dedupKey, draft)) continue;
      const task = this.em.create(ProactiveTask, {
        id: newId(),
        communityId,
        rule: draft.rule,
        residentId: draft.residentId,
        gridId: draft.gridId,
        dedupKey,
        reason: draft.reason,
        dueOn: draft.dueOn,
        createdAt: now,
      });
      events.record(
        ProactiveTaskCreated,
        { taskId: task.id, rule: task.rule, residentId: task.residentId, gridId: task.gridId, dueOn: task.dueOn },
        { communityId },
      );
      this.pending.add(`key:${dedupKey}`);
      this.pending.add(openKey);
      opened.push(task);
    }
    return opened;
  }
}

/**
 * Whether a task of this key exists already, or an open task of the same rule for the resident: one plain statement
 * (prepared once; every registration and care event may draft tasks) instead of two entity look-ups.
 */
async function taskBlocks(em: EntityManager, dedupKey: string, draft: TaskDraft): Promise<boolean> {
  const rows = await executePlain<unknown>(
    em,
    'select 1 from proactive_task where dedup_key = ? ' +
      "union all select 1 from proactive_task where rule = ? and resident_id = ? and status = 'OPEN' limit 1",
    [dedupKey, draft.rule, draft.residentId],
  );
  return rows.length > 0;
}

/** Runs the rules on one fact and opens what they ask for. */
export function applyRules(
  uow: UnitOfWork,
  fact: ProactiveFact,
  communityId: string,
  now: Date,
): Promise<ProactiveTask[]> {
  return openTasks(uow, evaluateRules(fact, now), communityId, now);
}

/** Closes a resident's open tasks (by a visit, a case, or because they left or died). */
export async function closeTasksOf(
  uow: UnitOfWork,
  residentId: string,
  closedBy: ProactiveTaskClosing,
  ref: string | null,
  now: Date,
): Promise<number> {
  const open = await uow.em.find(ProactiveTask, { residentId, status: 'OPEN' });
  for (const task of open) {
    task.status = 'CLOSED';
    task.closedAt = now;
    task.closedBy = closedBy;
    task.closingRef = ref;
    uow.events.record(
      ProactiveTaskClosed,
      { taskId: task.id, rule: task.rule, residentId, closedBy, closedAt: now.toISOString() },
      { communityId: task.communityId },
    );
  }
  return open.length;
}

/** Closes the resident's open tasks that a fact makes moot (NO_LONGER_APPLIES), as the rules decide. */
export async function settleTasks(
  uow: UnitOfWork,
  fact: ProactiveFact & { residentId: string },
  now: Date,
): Promise<number> {
  const open = await uow.em.find(ProactiveTask, { residentId: fact.residentId, status: 'OPEN' });
  let closed = 0;
  for (const task of open) {
    const key = task.dedupKey.slice(`${task.rule}:${task.residentId}:`.length);
    if (!settledBy(fact, { rule: task.rule, key })) continue;
    task.status = 'CLOSED';
    task.closedAt = now;
    task.closedBy = 'NO_LONGER_APPLIES';
    uow.events.record(
      ProactiveTaskClosed,
      {
        taskId: task.id,
        rule: task.rule,
        residentId: task.residentId,
        closedBy: 'NO_LONGER_APPLIES',
        closedAt: now.toISOString(),
      },
      { communityId: task.communityId },
    );
    closed++;
  }
  return closed;
}

export function careCategoriesOf(row: ResidentProjection): CareCategory[] {
  return row.careCategories ? (row.careCategories.split(',') as CareCategory[]) : [];
}

/** What the time-based rules see of a resident: the projection row as a fact. */
export function residentSnapshot(row: ResidentProjection): ProactiveFact {
  return {
    kind: 'RESIDENT_SNAPSHOT',
    residentId: row.residentId,
    gridId: row.gridId,
    birthDate: row.birthDate,
    careCategories: careCategoriesOf(row),
    lastContactAt: row.lastContactAt ?? row.knownSince ?? row.updatedAt,
    active: row.status === 'ACTIVE',
  };
}

/**
 * The scheduled scan of the proactive rules over residents with a care category (the rules that look at
 * time: no contact for N days). Walks the projection in keyset pages (resident id order), each page its own short
 * transaction that re-reads the page's rows under a row lock (PostgreSQL; SQLite serialises writers): a scan of
 * another replica, or an event of one of these residents, waits — so a rule's task is opened once, from the
 * resident's current facts — and memory is bounded by the page, not by the residents covered. A page's unit of work
 * is flushed once (its commit), not once per resident: a flush computes change sets over every entity of the page.
 */
export async function scanProactiveRules(
  deps: { orm: Orm; outbox: Outbox },
  now: Date,
  options: CaseScanOptions = {},
): Promise<number> {
  const scan = await scanKeysetPages(
    deps.orm.em,
    async (tx, after, limit) => {
      let opened = 0;
      const rows = await tx.find(
        ResidentProjection,
        {
          ...(after === null ? {} : { residentId: { $gt: after } }),
          status: 'ACTIVE',
          careCategories: { $ne: '' },
        },
        { ...forUpdate(tx), orderBy: { residentId: 'asc' }, limit } as never,
      );
      // nothing is pending before the first row (a fresh unit of work that only read the page), and the page's tasks
      // are flushed once, at its commit: not a flush per resident over every entity of the page
      const opening = new TaskOpening(tx);
      for (const row of rows) {
        const events = eventSink(deps.outbox, tx, {
          communityId: row.communityId,
          actor: SYSTEM_ACTOR,
          correlationId: 'proactive-scan',
        });
        opened += (await opening.open(events, evaluateRules(residentSnapshot(row), now), row.communityId, now)).length;
      }
      return { rows: rows.length, lastKey: rows.at(-1)?.residentId ?? null, done: opened };
    },
    { pageSize: options.pageSize, onPage: scanProgressLogger(options.logger, 'cases-proactive-scan') },
  );
  return scan.done;
}
