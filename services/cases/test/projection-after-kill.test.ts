import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { CommunityRegistered, ResidentMovedIn, ResidentRegistered, STREAM_NAME } from '@shequ/contracts';
import { ormConfig } from '@shequ/database';
import { NatsBus } from '@shequ/messaging';
import { TestEventPublisher } from '@shequ/subgraph/testing';
import {
  serviceProcess,
  startNatsServer,
  tempDir,
  testDatabaseLocation,
  testDialects,
  waitFor,
  type NatsServerHandle,
  type ServiceProcess,
  type TempDir,
} from '@shequ/testing';
import { ResidentProjection } from '../src/entities/resident-projection.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const RESIDENTS = 600;
const residentId = (i: number) => `r-${String(i).padStart(4, '0')}`;

/**
 * Issue 14, fault 1: the cases service is killed (SIGKILL) while it holds fetched, unacknowledged
 * `resident.registered` messages; every resident then moves to another grid; after the restart the old
 * registrations come back (after the 30 s ack wait), after the moves. Every projection row must show the new
 * grid — and keep the birth date only the registration carries.
 */
describe.each(testDialects())(
  'cases projection after a consumer is killed holding prefetched events (%s)',
  (dialect) => {
    let nats: NatsServerHandle;
    let data: TempDir;
    let publisher: TestEventPublisher;
    let cases: ServiceProcess;
    const location = testDatabaseLocation(dialect, 'cases_kill');

    beforeAll(async () => {
      data = tempDir('shequ-cases-kill-');
      nats = await startNatsServer({ storeDir: `${data.path}/nats` });
      publisher = new TestEventPublisher(nats.url);
      // a fresh folder: the service's SQLite file is <dataDir>/cases.sqlite
      cases = await serviceProcess({ service: 'cases', main: MAIN, nats, dataDir: data.path, database: location });
    });

    afterAll(async () => {
      await cases?.stop();
      await publisher?.close();
      await nats?.dispose();
      data?.remove();
    });

    it('finds every projection current', { timeout: 240_000 }, async () => {
      const dbName = dialect === 'sqlite' ? `${data.path}/cases.sqlite` : location.dbName;
      // the community first, as residents announces it (events of a community not registered are held)
      await publisher.publish(CommunityRegistered, {
        communityId: '350203008006',
        name: '莲秀社区',
        streetCode: '350203008',
        districtCode: '350203',
      });
      for (let i = 0; i < RESIDENTS; i++) {
        await publisher.publish(ResidentRegistered, {
          residentId: residentId(i),
          householdId: 'h-old',
          buildingId: 'b-old',
          gridId: 'grid-old',
          gender: 'FEMALE',
          birthDate: '1950-03-08',
          residenceType: 'REGISTERED',
          residencePermitExpiresOn: null,
        });
      }
      const observer = new NatsBus({ servers: nats.url, name: 'observer' });
      await observer.firstConnection;
      const jsm = await observer.jetstreamManager();
      const info = () => jsm.consumers.info(STREAM_NAME, 'cases__from__residents');

      const first = cases.start();
      const held = await waitFor(
        async () => {
          const state = await info().catch(() => undefined);
          return state && state.ack_floor.consumer_seq >= 120 ? state : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 5, what: 'cases to apply 120 registrations' },
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${first.output()}`);
      });
      first.child.kill('SIGKILL');
      await first.exited;
      const atKill = await info();
      // the precondition of the fault: messages were fetched and not acknowledged when the process died
      expect(atKill.num_ack_pending).toBeGreaterThan(0);
      expect(held.ack_floor.consumer_seq).toBeGreaterThanOrEqual(120);

      for (let i = 0; i < RESIDENTS; i++) {
        await publisher.publish(ResidentMovedIn, {
          residentId: residentId(i),
          householdId: 'h-new',
          buildingId: 'b-new',
          gridId: 'grid-new',
          fromHouseholdId: 'h-old',
          movedInOn: '2026-11-20',
        });
      }
      const second = cases.start();
      await waitFor(
        async () => {
          const state = await info().catch(() => undefined);
          return state && state.num_pending === 0 && state.num_ack_pending === 0 ? true : undefined;
        },
        { timeoutMs: 150_000, intervalMs: 250, what: 'every event, redeliveries included, processed' },
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${second.output()}`);
      });
      await cases.stop();
      await observer.close();

      const orm = await MikroORM.init(
        ormConfig({
          location: { ...location, dbName },
          entities: [ResidentProjection],
          migrations: { sqlite: [], postgresql: [] },
        }),
      );
      try {
        const rows = await orm.em.fork().find(ResidentProjection, {});
        expect(rows).toHaveLength(RESIDENTS);
        const stale = rows.filter((row) => row.gridId !== 'grid-new' || row.householdId !== 'h-new');
        expect(stale.map((row) => `${row.residentId}:${row.gridId}`)).toEqual([]);
        expect(rows.filter((row) => row.birthDate !== '1950-03-08')).toEqual([]);
      } finally {
        await orm.close(true);
      }
    });
  },
);
