import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildSchema, isNonNullType } from 'graphql';
import { composeSupergraph, supergraphErrors } from '../src/compose/compose-supergraph.js';
import { subgraphUrls } from '../src/subgraph-endpoints.js';

const printed = (name: string) =>
  readFileSync(new URL(`../../services/${name}/schema.graphql`, import.meta.url), 'utf8');

describe('supergraph composition', () => {
  it('composes the four subgraphs as printed by their builds', () => {
    const result = composeSupergraph(printed);
    expect('errors' in result ? result.errors : []).toEqual([]);
    if ('supergraphSdl' in result) {
      for (const graph of ['RESIDENTS', 'CASES', 'PARTYBUILDING', 'EVENTS'])
        expect(result.supergraphSdl).toContain(`${graph} @join__graph`);
      expect(result.supergraphSdl).toMatch(/type Resident\s+@join__type\(graph: CASES, key: "id"\)/);
    }
  });

  it('makes every root query field nullable, so one service down leaves the root fields of the others (issue 14)', () => {
    const api = buildSchema(readFileSync(new URL('../api-schema.graphql', import.meta.url), 'utf8'));
    const fields = Object.values(api.getQueryType()!.getFields());
    expect(fields.length).toBeGreaterThan(40);
    expect(fields.filter((field) => isNonNullType(field.type)).map((field) => field.name)).toEqual([]);
  });

  it('fails, naming the problem, when subgraphs disagree', () => {
    const broken = (name: string) =>
      name === 'cases'
        ? printed(name).replace('type Grid @key(fields: "id") {', 'type Grid @key(fields: "id") {\n  code: Int!')
        : printed(name);
    const result = composeSupergraph(broken);
    expect('errors' in result).toBe(true);
    if ('errors' in result) expect(result.errors.join('\n')).toMatch(/Grid\.code/);
  });

  // the gateway builds the composed supergraph without validating it (validateSupergraph: false): the build does
  it('validates the composed supergraph at build time, as the gateway no longer does at start', () => {
    const supergraph = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
    expect(supergraphErrors(supergraph)).toBeUndefined();
    // an enum without values: built without validation, only the validation refuses it
    const broken = `${supergraph}\nenum Nothing @join__type(graph: RESIDENTS)\n`;
    expect(supergraphErrors(broken)).toMatch(/invalid supergraph: .*Enum type Nothing must define one or more values/s);
  });
});

describe('subgraph endpoints', () => {
  it('follow the port variables, or explicit URLs', () => {
    expect(subgraphUrls({ CASES_PORT: '5002' })).toMatchObject({
      residents: 'http://127.0.0.1:4001/graphql',
      cases: 'http://127.0.0.1:5002/graphql',
    });
    expect(subgraphUrls({ EVENTS_URL: 'http://events.internal/graphql' }).events).toBe(
      'http://events.internal/graphql',
    );
  });
});
