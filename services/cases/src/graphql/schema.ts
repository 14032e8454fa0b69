import { buildFederatedSchema, type FederatedSchema } from '@shequ/subgraph';
import { AppraisalResolver } from './appraisal.resolver.js';
import { CaseResolver } from './case.resolver.js';
import { CaseFundDisbursementsResolver } from './case-fund-disbursements.resolver.js';
import { GridReference, HouseholdReference, StaffReference } from './entity-references.js';
import { GridOpenCasesResolver, StaffWorkloadResolver } from './federated-fields.resolver.js';
import { CaseMediationsResolver, MediationResolver } from './mediation.resolver.js';
import { ProactiveTaskResolver } from './proactive-task.resolver.js';
import { casesReferenceResolvers } from './reference-resolvers.js';
import { ResidentCasesResolver } from './resident-cases.resolver.js';
import { CaseStatisticsResolver } from './statistics.resolver.js';
import { HouseholdVisitsResolver, VisitResolver } from './visit.resolver.js';
import { WebhookDeliveryResolver, WebhookSubscriptionResolver } from './webhook.resolver.js';

export function buildCasesSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [
      CaseResolver,
      CaseMediationsResolver,
      CaseFundDisbursementsResolver,
      MediationResolver,
      VisitResolver,
      HouseholdVisitsResolver,
      AppraisalResolver,
      CaseStatisticsResolver,
      ProactiveTaskResolver,
      ResidentCasesResolver,
      GridOpenCasesResolver,
      StaffWorkloadResolver,
      WebhookSubscriptionResolver,
      WebhookDeliveryResolver,
    ],
    orphanedTypes: [GridReference, StaffReference, HouseholdReference],
    referenceResolvers: casesReferenceResolvers,
  });
}
