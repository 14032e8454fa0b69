// @shequ/client: typed documents of the front ends' operations (operations/**), generated from the supergraph's
// API schema by GraphQL Code Generator's client preset, and the trusted-documents manifest the gateway enforces.
export * from './gql/graphql.js';
export * from './trusted-request.js';
