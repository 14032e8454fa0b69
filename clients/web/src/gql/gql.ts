/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  'query CareReviewsDue($before: Date!, $first: Int, $after: String) {\n  careReviewsDue(before: $before, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        category\n        nextReviewOn\n        resident {\n          name\n          phone\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}': typeof types.CareReviewsDueDocument;
  'mutation RegisterForEvent($input: RegisterForEventInput!) {\n  registerForEvent(input: $input) {\n    registration {\n      status\n      event {\n        title\n      }\n    }\n  }\n}': typeof types.RegisterForEventDocument;
  'query UpcomingEvents($filter: CommunityEventFilter, $first: Int, $after: String) {\n  communityEvents(filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        id\n        title\n        type\n        status\n        startsAt\n        capacity\n        seatsTaken\n        venue {\n          name\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}': typeof types.UpcomingEventsDocument;
  'query GridCases($filter: CaseFilter, $first: Int, $after: String) {\n  cases(filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        number\n        status\n        openedAt\n        overdue\n        assignedGrid {\n          name\n        }\n        reporter {\n          name\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}': typeof types.GridCasesDocument;
  'query HouseholdCount {\n  households(first: 1) {\n    totalCount\n  }\n}': typeof types.HouseholdCountDocument;
  'mutation OpenCase($input: OpenCaseInput!) {\n  openCase(input: $input) {\n    case {\n      id\n      number\n      status\n      category\n    }\n  }\n}': typeof types.OpenCaseDocument;
  'mutation RegisterResident($input: RegisterResidentInput!) {\n  registerResident(input: $input) {\n    resident {\n      id\n      name\n      gender\n      birthDate\n      household {\n        address\n      }\n    }\n  }\n}': typeof types.RegisterResidentDocument;
  'query PartyMembers($filter: PartyMemberFilter, $first: Int, $after: String) {\n  partyMembers(filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        stage\n        resident {\n          name\n          partyMember {\n            branch {\n              name\n            }\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}': typeof types.PartyMembersDocument;
  'query RedFlagAwards($first: Int) {\n  redFlagPeriods(first: $first) {\n    edges {\n      node {\n        winnerStaffId\n        winner {\n          id\n          name\n          department\n        }\n        nominations {\n          staff {\n            name\n          }\n        }\n      }\n    }\n  }\n}': typeof types.RedFlagAwardsDocument;
  'query ResidentOverview($id: ID!) {\n  resident(id: $id) {\n    name\n    cases {\n      number\n      assignedGrid {\n        name\n      }\n    }\n    partyMember {\n      stage\n    }\n    eventRegistrations {\n      event {\n        title\n      }\n    }\n  }\n}': typeof types.ResidentOverviewDocument;
};
const documents: Documents = {
  'query CareReviewsDue($before: Date!, $first: Int, $after: String) {\n  careReviewsDue(before: $before, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        category\n        nextReviewOn\n        resident {\n          name\n          phone\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}':
    types.CareReviewsDueDocument,
  'mutation RegisterForEvent($input: RegisterForEventInput!) {\n  registerForEvent(input: $input) {\n    registration {\n      status\n      event {\n        title\n      }\n    }\n  }\n}':
    types.RegisterForEventDocument,
  'query UpcomingEvents($filter: CommunityEventFilter, $first: Int, $after: String) {\n  communityEvents(filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        id\n        title\n        type\n        status\n        startsAt\n        capacity\n        seatsTaken\n        venue {\n          name\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}':
    types.UpcomingEventsDocument,
  'query GridCases($filter: CaseFilter, $first: Int, $after: String) {\n  cases(filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        number\n        status\n        openedAt\n        overdue\n        assignedGrid {\n          name\n        }\n        reporter {\n          name\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}':
    types.GridCasesDocument,
  'query HouseholdCount {\n  households(first: 1) {\n    totalCount\n  }\n}': types.HouseholdCountDocument,
  'mutation OpenCase($input: OpenCaseInput!) {\n  openCase(input: $input) {\n    case {\n      id\n      number\n      status\n      category\n    }\n  }\n}':
    types.OpenCaseDocument,
  'mutation RegisterResident($input: RegisterResidentInput!) {\n  registerResident(input: $input) {\n    resident {\n      id\n      name\n      gender\n      birthDate\n      household {\n        address\n      }\n    }\n  }\n}':
    types.RegisterResidentDocument,
  'query PartyMembers($filter: PartyMemberFilter, $first: Int, $after: String) {\n  partyMembers(filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        stage\n        resident {\n          name\n          partyMember {\n            branch {\n              name\n            }\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}':
    types.PartyMembersDocument,
  'query RedFlagAwards($first: Int) {\n  redFlagPeriods(first: $first) {\n    edges {\n      node {\n        winnerStaffId\n        winner {\n          id\n          name\n          department\n        }\n        nominations {\n          staff {\n            name\n          }\n        }\n      }\n    }\n  }\n}':
    types.RedFlagAwardsDocument,
  'query ResidentOverview($id: ID!) {\n  resident(id: $id) {\n    name\n    cases {\n      number\n      assignedGrid {\n        name\n      }\n    }\n    partyMember {\n      stage\n    }\n    eventRegistrations {\n      event {\n        title\n      }\n    }\n  }\n}':
    types.ResidentOverviewDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query CareReviewsDue($before: Date!, $first: Int, $after: String) {\n  careReviewsDue(before: $before, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        category\n        nextReviewOn\n        resident {\n          name\n          phone\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}',
): (typeof documents)['query CareReviewsDue($before: Date!, $first: Int, $after: String) {\n  careReviewsDue(before: $before, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        category\n        nextReviewOn\n        resident {\n          name\n          phone\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'mutation RegisterForEvent($input: RegisterForEventInput!) {\n  registerForEvent(input: $input) {\n    registration {\n      status\n      event {\n        title\n      }\n    }\n  }\n}',
): (typeof documents)['mutation RegisterForEvent($input: RegisterForEventInput!) {\n  registerForEvent(input: $input) {\n    registration {\n      status\n      event {\n        title\n      }\n    }\n  }\n}'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query UpcomingEvents($filter: CommunityEventFilter, $first: Int, $after: String) {\n  communityEvents(filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        id\n        title\n        type\n        status\n        startsAt\n        capacity\n        seatsTaken\n        venue {\n          name\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}',
): (typeof documents)['query UpcomingEvents($filter: CommunityEventFilter, $first: Int, $after: String) {\n  communityEvents(filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        id\n        title\n        type\n        status\n        startsAt\n        capacity\n        seatsTaken\n        venue {\n          name\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query GridCases($filter: CaseFilter, $first: Int, $after: String) {\n  cases(filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        number\n        status\n        openedAt\n        overdue\n        assignedGrid {\n          name\n        }\n        reporter {\n          name\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}',
): (typeof documents)['query GridCases($filter: CaseFilter, $first: Int, $after: String) {\n  cases(filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        number\n        status\n        openedAt\n        overdue\n        assignedGrid {\n          name\n        }\n        reporter {\n          name\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query HouseholdCount {\n  households(first: 1) {\n    totalCount\n  }\n}',
): (typeof documents)['query HouseholdCount {\n  households(first: 1) {\n    totalCount\n  }\n}'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'mutation OpenCase($input: OpenCaseInput!) {\n  openCase(input: $input) {\n    case {\n      id\n      number\n      status\n      category\n    }\n  }\n}',
): (typeof documents)['mutation OpenCase($input: OpenCaseInput!) {\n  openCase(input: $input) {\n    case {\n      id\n      number\n      status\n      category\n    }\n  }\n}'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'mutation RegisterResident($input: RegisterResidentInput!) {\n  registerResident(input: $input) {\n    resident {\n      id\n      name\n      gender\n      birthDate\n      household {\n        address\n      }\n    }\n  }\n}',
): (typeof documents)['mutation RegisterResident($input: RegisterResidentInput!) {\n  registerResident(input: $input) {\n    resident {\n      id\n      name\n      gender\n      birthDate\n      household {\n        address\n      }\n    }\n  }\n}'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query PartyMembers($filter: PartyMemberFilter, $first: Int, $after: String) {\n  partyMembers(filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        stage\n        resident {\n          name\n          partyMember {\n            branch {\n              name\n            }\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}',
): (typeof documents)['query PartyMembers($filter: PartyMemberFilter, $first: Int, $after: String) {\n  partyMembers(filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        stage\n        resident {\n          name\n          partyMember {\n            branch {\n              name\n            }\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query RedFlagAwards($first: Int) {\n  redFlagPeriods(first: $first) {\n    edges {\n      node {\n        winnerStaffId\n        winner {\n          id\n          name\n          department\n        }\n        nominations {\n          staff {\n            name\n          }\n        }\n      }\n    }\n  }\n}',
): (typeof documents)['query RedFlagAwards($first: Int) {\n  redFlagPeriods(first: $first) {\n    edges {\n      node {\n        winnerStaffId\n        winner {\n          id\n          name\n          department\n        }\n        nominations {\n          staff {\n            name\n          }\n        }\n      }\n    }\n  }\n}'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query ResidentOverview($id: ID!) {\n  resident(id: $id) {\n    name\n    cases {\n      number\n      assignedGrid {\n        name\n      }\n    }\n    partyMember {\n      stage\n    }\n    eventRegistrations {\n      event {\n        title\n      }\n    }\n  }\n}',
): (typeof documents)['query ResidentOverview($id: ID!) {\n  resident(id: $id) {\n    name\n    cases {\n      number\n      assignedGrid {\n        name\n      }\n    }\n    partyMember {\n      stage\n    }\n    eventRegistrations {\n      event {\n        title\n      }\n    }\n  }\n}'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
