import { PeriodicTask, referenceProjectionConsumer, type SubgraphServiceDefinition } from '@shequ/subgraph';
import { scanOverdueCases } from './application/overdue-scan.js';
import { scanProactiveRules } from './application/proactive-tasks.js';
import { casesEntities } from './entities/index.js';
import { eventsConsumer } from './events/events-consumer.js';
import { residentsConsumer } from './events/residents-consumer.js';
import { buildCasesSchema } from './graphql/schema.js';
import { casesMigrations } from './migrations/index.js';
import { seedCasesDemo } from './seeds/demo-seed.js';

/** Scan intervals: overdue cases every minute, proactive rules every hour (overridable for local runs). */
const OVERDUE_SCAN_MS = Number(process.env.SHEQU_CASES_OVERDUE_SCAN_MS ?? 60_000);
const PROACTIVE_SCAN_MS = Number(process.env.SHEQU_CASES_PROACTIVE_SCAN_MS ?? 3_600_000);

/** The cases subgraph: 社情民意 and service matters from intake to feedback. */
export const casesService: SubgraphServiceDefinition = {
  name: 'cases',
  defaultPort: 4002,
  entities: casesEntities,
  migrations: casesMigrations,
  buildSchema: buildCasesSchema,
  consumers: (deps) => [referenceProjectionConsumer('cases', deps), residentsConsumer(deps), eventsConsumer(deps)],
  scheduledTasks: (deps) => [
    new PeriodicTask('cases-overdue-scan', OVERDUE_SCAN_MS, () => scanOverdueCases(deps, deps.clock.now())),
    new PeriodicTask('cases-proactive-scan', PROACTIVE_SCAN_MS, () => scanProactiveRules(deps, deps.clock.now())),
  ],
  seedDemoData: seedCasesDemo,
};
