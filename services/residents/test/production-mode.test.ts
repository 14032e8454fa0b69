import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { residentsService } from '../src/service.js';

const MOVE = `mutation($input: MoveResidentInput!) { moveResident(input: $input) { resident { id } } }`;

describe('residents subgraph in production mode says nothing it need not', () => {
  let service: TestSubgraph;
  let url: string;
  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { production: true });
    url = `http://127.0.0.1:${service.http.port}/graphql`;
  });
  afterAll(() => service?.stop());

  const post = async (body: unknown, headers: Record<string, string>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

    return { status: response.status, body: (await response.json()) as any };
  };
  const culture = { role: 'culture' as const };

  it.each([
    ['at the root', '{ __schema { queryType { name } } }'],
    ['in an inline fragment', '{ ... on Query { __schema { queryType { name } } } }'],
    ['in a named fragment', '{ ...S } fragment S on Query { __type(name: "Resident") { name } }'],
    ['as the federation SDL', '{ _service { sdl } }'],
  ])('refuses the schema %s to other roles, serves it to community_admin', async (_where, query) => {
    const refused = await service.graphql(query, {}, culture);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data ?? undefined).toBeUndefined();
    expect((await service.graphql(query)).errors).toBeUndefined();
  });

  it('answers an invalid credential with UNAUTHENTICATED and nothing else', async () => {
    for (const query of ['{ __typename }', '{ _service { sdl } }']) {
      const result = await post({ query }, { authorization: 'ApiKey not-a-key' });
      expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(result.body.data).toBeUndefined();
    }
  });

  it('names a bad Date, variable or literal, as BAD_USER_INPUT in Chinese', async () => {
    const variable = await service.graphql(MOVE, {
      input: { residentId: 'r1', householdId: 'h1', movedInOn: '2026-13-01' },
    });
    expect(variable.errors?.[0]).toMatchObject({
      message: '输入无效：input.movedInOn：日期须为 YYYY-MM-DD 格式的有效日期，收到 "2026-13-01"',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.movedInOn' },
    });
    const literal = await service.graphql(
      `mutation { moveResident(input: { residentId: "r1", householdId: "h1", movedInOn: "2026-13-01" }) { resident { id } } }`,
    );
    expect(literal.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'movedInOn' },
    });
    expect(literal.errors?.[0]?.message).toMatch(/^输入无效：movedInOn：日期须为 YYYY-MM-DD/);
  });

  it('gives no suggestions on input fields, variables or fields', async () => {
    const typo = await service.graphql(
      `query($f: ResidentFilter) { residents(first: 1, filter: $f) { totalCount } }`,
      { f: { gridld: 'G1' } },
      culture,
    );
    expect(typo.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'f.gridld' } });
    const field = await service.graphql('{ residents(first: 1) { totalCont } }', {}, culture);
    const literal = await service.graphql(
      '{ residents(first: 1, filter: { gridld: "G1" }) { totalCount } }',
      {},
      culture,
    );
    for (const result of [typo, field, literal])
      expect(JSON.stringify(result)).not.toMatch(/Did you mean|gridId|totalCount"/);
  });

  it('counts aliased __typename and keeps 1 MiB for everything but the import', async () => {
    const aliases = await service.graphql(
      `{ ${Array.from({ length: 200 }, (_, i) => `t${i}: __typename`).join(' ')} }`,
    );
    expect(aliases.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxAliases' });

    const authorization = `Bearer ${await devToken()}`;
    const padding = 'x'.repeat(1024 * 1024);
    const other = await post({ query: '{ __typename }', variables: { padding } }, { authorization });
    expect(other.status).toBe(413);
    const importing = await post(
      {
        query: 'mutation($input: ImportResidentsInput!) { importResidents(input: $input) { total } }',
        variables: { input: { format: 'CSV', content: `idNumber,name\n${padding}` } },
      },
      { authorization },
    );
    expect(importing.status).not.toBe(413);
  });
});
