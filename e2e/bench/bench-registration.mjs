// What the events benchmarks' processes share (events.bench.ts's children, producer-loop.mjs, consumer-batches.mjs):
// one service started from its build on a SQLite file, as under `npm start`, and the `resident.registered` they
// record or hand over — a registration with no personal data, in the demo community.
import { join } from 'node:path';
import { pino } from 'pino';
import { startSubgraphService } from '@shequ/subgraph';

/** The metadata of every benchmark event: the demo community (莲秀社区), a system actor. */
export const BENCH_META = {
  communityId: '350203008006',
  actor: { kind: 'system', id: 'bench' },
  correlationId: 'bench',
};

/** The payload of `resident.registered` for the benchmark resident `residentId` (no personal data). */
export const benchRegistration = (residentId) => ({
  residentId,
  householdId: 'bench-household',
  buildingId: 'bench-building',
  gridId: 'bench-grid',
  gender: null,
  birthDate: null,
  residenceType: 'REGISTERED',
  residencePermitExpiresOn: null,
});

/**
 * Starts the built `residents` or `cases` service alone (only its modules loaded, as under `npm start`) on
 * `<dataDir>/<name>.sqlite` against the nats-server at `natsUrl`, with nothing seeded.
 */
export async function startBenchService(name, natsUrl, dataDir) {
  const definition =
    name === 'residents'
      ? (await import('../../services/residents/dist/service.js')).residentsService
      : (await import('../../services/cases/dist/service.js')).casesService;
  return startSubgraphService(definition, {
    config: { port: 0, natsUrl, seed: 'none' },
    location: { dialect: 'sqlite', dbName: join(dataDir, `${name}.sqlite`) },
    logger: pino({ level: 'warn' }),
  });
}
