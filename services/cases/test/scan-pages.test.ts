import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { countingOutbox, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import type { Orm } from '@shequ/database';
import { testDialects } from '@shequ/testing';
import { scanOverdueCases } from '../src/application/overdue-scan.js';
import { scanProactiveRules } from '../src/application/proactive-tasks.js';
import { Case, ProactiveTask, ResidentProjection } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

const COMMUNITY = '350203008006';
const OTHER_COMMUNITY = '350203008007';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(testDialects())('the cases scans in pages on %s', (dialect) => {
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
  let next = 100;

  /** `count` cases received an hour ago whose acknowledge limit passed, resolve limit a week on. */
  async function overdueCases(count: number) {
    const em = service.orm.em.fork();
    const opened = new Date(clock.now().getTime() - 2 * HOUR);
    for (let i = 0; i < count; i++, next++) {
      em.create(Case, {
        id: `case-${next}`,
        communityId: COMMUNITY,
        number: `SQ-TEST-${next}`,
        category: 'SANITATION',
        channel: 'WALK_IN',
        department: 'COMPREHENSIVE_GOVERNANCE',
        description: '楼道堆放杂物',
        gridId: 'grid-1',
        openedAt: opened,
        acknowledgeDueAt: new Date(opened.getTime() + HOUR),
        resolveDueAt: new Date(opened.getTime() + 7 * DAY),
      });
    }
    await em.flush();
  }

  /** `count` 独居老人 known since long ago, never contacted (of `communityOf(i)`, default COMMUNITY). */
  async function lonelyResidents(count: number, communityOf: (i: number) => string = () => COMMUNITY) {
    const em = service.orm.em.fork();
    const ids: string[] = [];
    for (let i = 0; i < count; i++, next++) {
      ids.push(`r-${next}`);
      em.create(ResidentProjection, {
        residentId: `r-${next}`,
        communityId: communityOf(i),
        gridId: 'grid-1',
        birthDate: '1940-01-01',
        careCategories: 'ELDERLY_LIVING_ALONE',
        knownSince: new Date(clock.now().getTime() - 60 * DAY),
        updatedAt: new Date(clock.now().getTime() - 60 * DAY),
      });
    }
    await em.flush();
    return ids;
  }

  /**
   * Deps whose entity manager counts its flushes (its own event manager, a clone keeping the service's subscribers;
   * the forks of a scan share it): the service's other work in the meantime is not counted.
   */
  function countingFlushes() {
    const em = service.orm.em.fork({ cloneEventManager: true });
    let flushes = 0;
    em.getEventManager().registerSubscriber({
      beforeFlush: () => {
        flushes++;
      },
    });
    return { orm: { em } as unknown as Orm, flushes: () => flushes };
  }

  async function published(type: string) {
    const rows = await service.orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });
    return rows
      .map((row) => JSON.parse(row.payload) as EventEnvelope<Record<string, unknown>>)
      .filter((e) => e.type === type);
  }

  beforeAll(async () => {
    service = await startTestSubgraph(casesService, { dialect, clock });
    // these tests run the scans themselves and count their pages: the service's own scheduled scans (a first tick at
    // start) would otherwise take some of the cases between two of their pages (the transaction line gives the event
    // loop turns between commit groups)
    await Promise.all(service.tasks.filter((task) => task.name.startsWith('cases-')).map((task) => task.stop()));
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('flags every overdue case once, a page per transaction, then nothing', async () => {
    await overdueCases(7);
    const counting = countingOutbox(service.outbox);
    expect(await scanOverdueCases({ ...service, outbox: counting.outbox }, clock.now(), { pageSize: 3 })).toBe(7);
    expect(counting.transactions()).toBe(3);
    expect(counting.largestTransaction()).toBeLessThanOrEqual(3);
    const events = await published('case.overdue');
    expect(events).toHaveLength(7);
    expect(new Set(events.map((e) => e.data.caseId)).size).toBe(7);
    expect(events[0].data).toMatchObject({
      caseId: 'case-100',
      number: 'SQ-TEST-100',
      limit: 'ACKNOWLEDGE',
      department: 'COMPREHENSIVE_GOVERNANCE',
      gridId: 'grid-1',
    });
    expect(await scanOverdueCases(service, clock.now(), { pageSize: 3 })).toBe(0);
    expect(await published('case.overdue')).toHaveLength(7);
  });

  it('flags each case once when two scans run at the same time', async () => {
    await overdueCases(9);
    const [a, b] = await Promise.all([
      scanOverdueCases(service, clock.now(), { pageSize: 2 }),
      scanOverdueCases(service, clock.now(), { pageSize: 2 }),
    ]);
    expect(a + b).toBe(9);
    const events = await published('case.overdue');
    expect(events).toHaveLength(16);
    expect(new Set(events.map((e) => e.data.caseId)).size).toBe(16);
  });

  it('opens the time-based proactive tasks once, a page per transaction, also with two scans at once', async () => {
    await lonelyResidents(7);
    const counting = countingOutbox(service.outbox);
    expect(await scanProactiveRules({ ...service, outbox: counting.outbox }, clock.now(), { pageSize: 3 })).toBe(7);
    expect(counting.transactions()).toBe(3);
    expect(counting.largestTransaction()).toBeLessThanOrEqual(3);
    expect(await scanProactiveRules(service, clock.now(), { pageSize: 3 })).toBe(0);
    expect(await published('proactive_task.created')).toHaveLength(7);

    await lonelyResidents(9);
    const [a, b] = await Promise.all([
      scanProactiveRules(service, clock.now(), { pageSize: 2 }),
      scanProactiveRules(service, clock.now(), { pageSize: 2 }),
    ]);
    expect(a + b).toBe(9);
    const tasks = await service.orm.em.fork().find(ProactiveTask, { rule: 'ELDERLY_NO_CONTACT' });
    expect(tasks).toHaveLength(16);
    expect(new Set(tasks.map((t) => t.residentId)).size).toBe(16);
    expect(await published('proactive_task.created')).toHaveLength(16);
  });

  it('flushes a page of the proactive scan a bounded number of times, not once per resident, opening the same tasks', async () => {
    // every resident of the page gets a draft (the ones of the tests above are blocked by their open task): a flush
    // per resident computed change sets over the whole page each time (O(page²) in a 1M-resident district)
    const fresh = await lonelyResidents(12, (i) => (i % 2 === 0 ? COMMUNITY : OTHER_COMMUNITY));
    const before = (await published('proactive_task.created')).length;
    const counting = countingFlushes();
    const residents = await service.orm.em.fork().count(ResidentProjection, { careCategories: { $ne: '' } });
    expect(residents).toBeGreaterThan(fresh.length);
    expect(await scanProactiveRules({ ...service, orm: counting.orm }, clock.now(), { pageSize: 100 })).toBe(12);
    expect(counting.flushes()).toBeLessThanOrEqual(2);

    const tasks = await service.orm.em.fork().find(ProactiveTask, { residentId: { $in: fresh } });
    expect(tasks).toHaveLength(12);
    expect(new Set(tasks.map((t) => t.residentId)).size).toBe(12);
    for (const task of tasks) {
      expect(task).toMatchObject({ rule: 'ELDERLY_NO_CONTACT', status: 'OPEN', gridId: 'grid-1' });
      expect(task.communityId).toBe(fresh.indexOf(task.residentId) % 2 === 0 ? COMMUNITY : OTHER_COMMUNITY);
    }
    const events = (await published('proactive_task.created')).slice(before);
    expect(events).toHaveLength(12);
    for (const event of events) {
      const task = tasks.find((t) => t.id === event.data.taskId);
      expect(event.data.residentId).toBe(task?.residentId);
      expect(event.communityId).toBe(task?.communityId);
      expect(event.correlationId).toBe('proactive-scan');
    }
    // the hourly steady state: every resident drafts again and finds their open task, still one page's flushes
    const flushed = counting.flushes();
    expect(await scanProactiveRules({ ...service, orm: counting.orm }, clock.now(), { pageSize: 100 })).toBe(0);
    expect(counting.flushes() - flushed).toBeLessThanOrEqual(2);
    expect(await service.orm.em.fork().count(ProactiveTask, { residentId: { $in: fresh } })).toBe(12);
  });
});
