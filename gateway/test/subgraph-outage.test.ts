import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { outageErrors, withoutAddresses } from '../src/subgraph-outage.js';

describe('errors of a subgraph that does not answer', () => {
  it('an entity fetch: one error per entity and field, with the path the gateway completes', () => {
    const document = parse(
      'query($representations:[_Any!]!){_entities(representations:$representations){...on Resident{__typename cases(first:2){id} recent: cases(first:1){id}}}}',
    );
    const errors = outageErrors('cases', document, { representations: [{}, {}] });
    expect(errors.map((e) => e.path)).toEqual([
      ['_entities', 0, 'cases'],
      ['_entities', 0, 'recent'],
      ['_entities', 1, 'cases'],
      ['_entities', 1, 'recent'],
    ]);
    expect(errors[0]).toMatchObject({
      message: expect.stringContaining('社情民意服务'),
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'cases' },
    });
  });

  it('a root fetch: one error per root field', () => {
    const document = parse('{ partyMembers(first: 2) { totalCount } plan: developmentPlan(year: 2026) { year } }');
    expect(outageErrors('partybuilding', document, {}).map((e) => e.path)).toEqual([['partyMembers'], ['plan']]);
  });

  it('strips internal addresses from any message', () => {
    expect(withoutAddresses('request to http://127.0.0.1:4002/graphql failed, reason: connect ECONNREFUSED')).toBe(
      'request to （内部地址） failed, reason: connect ECONNREFUSED',
    );
  });
});
