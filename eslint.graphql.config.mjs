// GraphQL lint of every subgraph SDL (services/*/schema.graphql, printed by each service's build) with
// @graphql-eslint: naming, descriptions, Relay connections, and no unbounded lists (a local rule). Each service's
// `lint:schema` script runs it (`eslint --config ../../eslint.graphql.config.mjs schema.graphql`); turbo runs
// those in `npm run lint` and in the quality gate of `npm test`.
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import { Kind } from 'graphql';

const SERVICES = ['residents', 'cases', 'partybuilding', 'events'];

/** Federation 2 definitions the printed SDL uses without declaring them (the `@link` import brings them). */
const FEDERATION_DEFINITIONS = /* GraphQL */ `
  scalar link__Import
  scalar FieldSet
  enum link__Purpose {
    SECURITY
    EXECUTION
  }
  directive @link(url: String!, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
  directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
  directive @external on OBJECT | FIELD_DEFINITION
  directive @requires(fields: FieldSet!) on FIELD_DEFINITION
  directive @provides(fields: FieldSet!) on FIELD_DEFINITION
`;

/**
 * Lists without a `first` argument that are bounded by what they are, each group with its reason. Everything
 * else that returns a list of objects must be a connection (`edges`) or take `first` (capped at 100).
 */
export const BOUNDED_LISTS = {
  // parts of one record, bounded by that record (a case's steps, a meeting's attendance, a household's people)
  'Case.timeline': 'steps of one case',
  'Case.evaluations': 'evaluations of one case (one per rater drawn)',
  'Case.mediations': 'mediations of one case',
  'Case.fundDisbursements': 'fund disbursements linked to one assistance case',
  'FundLedgerSummary.months': 'the twelve months of one year',
  'FundLedgerSummary.reasons': 'one line per disbursement reason (a fixed vocabulary)',
  'FundAnnualReport.donorKinds': 'one line per donor kind (a fixed vocabulary)',
  'FundAnnualReport.namedDonors':
    "one year's donors who agreed to be named (tens in a community; the report lists all)",
  'FundProgramme.rounds': 'one round per year of one programme',
  'CaseMediation.parties': 'parties of one mediation',
  'CaseMediation.sessions': 'sessions of one mediation',
  'ResidentCareRecord.reviews': 'reviews of one care record (one per review period)',
  'Resident.careCategories': 'one record per care category (a fixed vocabulary)',
  'Household.members': 'people of one household',
  'Household.tenants': 'tenants of one rented flat',
  'Staff.grids': 'grids one worker serves',
  'ResidentsCommunity.grids': 'grids of one community (a handful to a few dozen: a grid is 300–500 households)',
  'PartyMeeting.attendance': 'members of the branch holding the meeting',
  'PartyOrganization.children': 'direct sub-organisations of one party organisation',
  'PartyOrganization.history': 'changes of one organisation (upgrades, secretaries)',
  'PartyMember.stageHistory': 'five development stages at most',
  'PartyMember.appraisals': 'one appraisal per year',
  'RedFlagPeriod.nominations': 'one nominee per department',
  'CommunityEvent.rehearsals': 'rehearsals of one gala',
  'CommunityEvent.programme': 'programme items of one gala',
  'CommunityEvent.sponsors': 'sponsors of one event',
  'CommunityEvent.volunteerShifts': 'shifts of one event',
  'Team.subTeams': 'sub-teams of one art troupe',
  'Team.awards': 'awards of one team',
  'VolunteerShift.records': 'volunteers of one shift (bounded by its capacity)',
  'EventVolunteerHoursSummary.recent': 'the latest records only (the resolver caps them)',
  'ImportResidentsPayload.results': 'at most the first 10,000 rows of the import (the rest only in its report file)',
  'ImportAddressRegisterPayload.results': 'one row per row of the address register, capped by the request body limit',
  'RedrawGridPayload.moved': 'the buildings of one redraw, at most 500 (RedrawGridInput.buildingIds)',
  // statistics: one row per value of a fixed dimension (grid, month, category, stage), small cells suppressed
  'Query.caseStatistics': 'one group per value of the chosen dimension',
  'Query.partyStatistics': 'one group per value of the chosen dimension',
  'Query.eventStatistics': 'one group per value of the chosen dimension',
  'ResidentStatistics.groups': 'one group per value of the chosen dimensions',
  'ResidentStatisticsGroup.keys': 'one key per dimension grouped by',
  'CaseStatisticsGroup.keys': 'one key per dimension grouped by',
  'PartyStatisticsGroup.keys': 'one key per dimension grouped by',
  'EventStatisticsGroup.keys': 'one key per dimension grouped by',
  'Query.partyMeetingComplianceByBranch': 'one row per branch of the community',
  'PartyMeetingCompliance.periods': 'months / quarters of one year',
  'PartyMeetingCompliance.summary': 'one row per meeting kind',
  'PartyMeetingCompliance.attendance': 'members of one branch',
  'PartyBranchComplianceRate.summary': 'one row per meeting kind',
  'PartyTrainingProgress.sessions': 'sessions of one training course',
  // calendars: bounded by the arguments
  'Query.galaPlan': 'twelve months of one year',
  'GalaPlanMonth.events': 'galas of one month',
  'Query.redFlagWinnersByYear': 'one row per year of a range the resolver caps',
  'RedFlagYearWinners.awards': 'twelve monthly periods',
  // a sample of fixed size
  'Query.drawRaters': 'count is capped at 100 by the resolver',
};

const OBJECT_KINDS = new Set([Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION, Kind.INTERFACE_TYPE_DEFINITION]);
const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/** `shequ/no-unbounded-lists`: a list of objects is a connection, takes `first`, or is in BOUNDED_LISTS. */
const noUnboundedLists = {
  meta: {
    type: 'problem',
    docs: { description: 'Lists of objects are Relay connections or take `first` (DESIGN.md: no unbounded lists)' },
    schema: [],
    messages: {
      unbounded:
        '{{coordinate}} returns an unbounded list: make it a connection (PageArgs), give it a `first` argument, ' +
        'or add it to BOUNDED_LISTS in eslint.graphql.config.mjs with the reason it is bounded',
    },
  },
  create(context) {
    const leafTypes = new Set(BUILT_IN_SCALARS);
    return {
      Document(node) {
        for (const definition of node.rawNode().definitions)
          if (definition.kind === Kind.SCALAR_TYPE_DEFINITION || definition.kind === Kind.ENUM_TYPE_DEFINITION)
            leafTypes.add(definition.name.value);
      },
      FieldDefinition(node) {
        const parent = node.parent;
        if (!OBJECT_KINDS.has(parent.kind)) return;
        const field = node.rawNode();
        let type = field.type.kind === Kind.NON_NULL_TYPE ? field.type.type : field.type;
        if (type.kind !== Kind.LIST_TYPE) return;
        while (type.kind !== Kind.NAMED_TYPE) type = type.type;
        const coordinate = `${parent.name.value}.${field.name.value}`;
        const bounded =
          leafTypes.has(type.name.value) ||
          (field.arguments ?? []).some((argument) => argument.name.value === 'first') ||
          (parent.name.value.endsWith('Connection') && field.name.value === 'edges') ||
          coordinate in BOUNDED_LISTS;
        if (!bounded) context.report({ node: node.name, messageId: 'unbounded', data: { coordinate } });
      },
    };
  },
};

/**
 * Deliberate exceptions to a library rule, by schema coordinate, each with its reason. The SDL is printed by the
 * build, so inline disable comments are not possible: the rule is wrapped and drops reports on these fields.
 */
export const RULE_EXCEPTIONS = {
  'relay-arguments': {
    'Query.careReviewsDue':
      '`before` is the due date (reviews due before it), not a backward cursor; renaming it breaks clients',
    'Query.floatingResidentsExpiring':
      '`before` is the expiry date (permits expiring by it), not a backward cursor; renaming it breaks clients',
  },
  'no-typename-prefix': {
    'Grid.gridWorker': '网格员 (grid worker) is a role of its own, not a repetition of the type name',
  },
};

/** The schema coordinate (`Type.field`) of the field a reported node belongs to, if any. */
function coordinateOf(node) {
  for (let current = node; current; current = current.parent)
    if (current.kind === Kind.FIELD_DEFINITION && current.parent?.name)
      return `${current.parent.name.value}.${current.name.value}`;
  return undefined;
}

/** `rule` without the reports on the fields listed in `exceptions`. */
function withExceptions(rule, exceptions) {
  return {
    ...rule,
    create(context) {
      const report = (descriptor) => {
        const coordinate = coordinateOf(descriptor.node);
        if (!(coordinate && coordinate in exceptions)) context.report(descriptor);
      };
      return rule.create(Object.create(context, { report: { value: report } }));
    },
  };
}

const shequPlugin = {
  rules: {
    'no-unbounded-lists': noUnboundedLists,
    ...Object.fromEntries(
      Object.entries(RULE_EXCEPTIONS).map(([name, exceptions]) => [
        name,
        withExceptions(graphqlPlugin.rules[name], exceptions),
      ]),
    ),
  },
};

export default SERVICES.map((service) => ({
  basePath: import.meta.dirname,
  files: [`services/${service}/schema.graphql`],
  languageOptions: {
    parser: graphqlPlugin.parser,
    parserOptions: {
      graphQLConfig: { schema: [`${import.meta.dirname}/services/${service}/schema.graphql`, FEDERATION_DEFINITIONS] },
    },
  },
  plugins: { '@graphql-eslint': graphqlPlugin, shequ: shequPlugin },
  rules: {
    ...graphqlPlugin.configs['flat/schema-recommended'].rules,
    ...graphqlPlugin.configs['flat/schema-relay'].rules,
    'shequ/no-unbounded-lists': 'error',
    // Descriptions on everything (the Chinese-description test checks the language); the root operation
    // types are the exception: every subgraph contributes to Query and Mutation, composition merges them,
    // and each root field carries its own description.
    '@graphql-eslint/require-description': [
      'error',
      {
        types: true,
        rootField: true,
        FieldDefinition: true,
        InputValueDefinition: true,
        EnumValueDefinition: true,
        DirectiveDefinition: true,
        ignoredSelectors: ['[type=ObjectTypeDefinition][name.value=/^(Query|Mutation)$/]'],
      },
    ],
    // Forward pagination only (`first`/`after`): front ends page forward through lists; `last`/`before`
    // would double every keyset query for no caller.
    '@graphql-eslint/relay-arguments': 'off',
    'shequ/relay-arguments': ['error', { includeBoth: false }],
    // Federation identifies records by `@key(fields: "id")`, not by a global `Node` interface; lists of
    // bounded parts are plain lists (see shequ/no-unbounded-lists), only connections wrap edges.
    '@graphql-eslint/relay-edge-types': [
      'error',
      { withEdgeSuffix: true, shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false },
    ],
    '@graphql-eslint/no-typename-prefix': 'off',
    'shequ/no-typename-prefix': 'error', // with RULE_EXCEPTIONS
    // Payloads, connections, edges, statistics rows and other value objects have no identity of their own;
    // every entity has `id: ID!` (its federation key), which composition already requires.
    '@graphql-eslint/strict-id-in-types': 'off',
  },
}));
