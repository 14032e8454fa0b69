import { casesWebhookWithholding } from './application/webhook-withholding.js';
import { ENVIRONMENT, pickVariables, readEnvironment } from '@shequ/server';
import {
  PeriodicTask,
  referenceProjectionCommunities,
  referenceProjectionConsumer,
  webhookConsumers,
  webhookDispatchTask,
  webhookSettingsFromEnv,
  type SubgraphServiceDefinition,
} from '@shequ/subgraph';
import { scanOverdueCases } from './application/overdue-scan.js';
import { scanProactiveRules } from './application/proactive-tasks.js';
import { caseRollup } from './application/case-statistics-rollup.js';
import { casesEntities } from './entities/index.js';
import { eventsConsumer } from './events/events-consumer.js';
import { partybuildingConsumer } from './events/partybuilding-consumer.js';
import { residentsConsumer } from './events/residents-consumer.js';
import { withFundDisbursementLinks } from './events/fund-disbursement-handlers.js';
import { buildCasesSchema } from './graphql/schema.js';
import { open311Routes } from './http/open311-routes.js';
import { casesMigrations } from './migrations/index.js';

/** Scan intervals: overdue cases every minute, proactive rules every hour (overridable for local runs). */
const scanIntervals = () =>
  readEnvironment(pickVariables(ENVIRONMENT, ['SHEQU_CASES_OVERDUE_SCAN_MS', 'SHEQU_CASES_PROACTIVE_SCAN_MS']));

/**
 * The cases subgraph: 社情民意 and service matters from intake to feedback. District platforms integrate here (Open311
 * and webhooks): the webhook registrations live in this database, fed by the `cases__webhooks__<source>` purposes of
 * every service's events (read through cases' durable of each source, `cases__from__<source>`) (the mechanism is libs/subgraph's webhooks).
 */
export const casesService: SubgraphServiceDefinition = {
  name: 'cases',
  defaultPort: 4002,
  entities: casesEntities,
  rollups: [caseRollup],
  // a district's table is thousands of groups: copied along the selections, not completed field by field by graphql-js
  plainAnswers: ['caseStatistics'],
  migrations: casesMigrations,
  buildSchema: buildCasesSchema,
  // writes only in registered communities: those residents announced (community.registered) or the seeds filled in
  communities: referenceProjectionCommunities,
  consumers: (deps) => [
    referenceProjectionConsumer('cases', deps),
    withFundDisbursementLinks(residentsConsumer(deps)),
    eventsConsumer(deps),
    partybuildingConsumer(deps),
    ...webhookConsumers('cases', deps, casesWebhookWithholding),
  ],
  scheduledTasks: (deps) => {
    const intervals = scanIntervals();
    return [
      new PeriodicTask('cases-overdue-scan', intervals.SHEQU_CASES_OVERDUE_SCAN_MS, () =>
        scanOverdueCases(deps, deps.clock.now(), { logger: deps.logger }),
      ),
      new PeriodicTask('cases-proactive-scan', intervals.SHEQU_CASES_PROACTIVE_SCAN_MS, () =>
        scanProactiveRules(deps, deps.clock.now(), { logger: deps.logger }),
      ),
      webhookDispatchTask(deps.orm, webhookSettingsFromEnv(), deps.logger),
    ];
  },
  // the seed's modules load only where it runs: a child process of the service (see runSubgraphService)
  seedDemoData: async (deps) => {
    const [{ seedCasesDemo }, { seedDemoStreet }] = await Promise.all([
      import('./seeds/demo-seed.js'),
      import('./seeds/demo-street-seed.js'),
    ]);
    await seedCasesDemo(deps);
    await seedDemoStreet(deps, casesService);
  },
  routes: open311Routes,
};
