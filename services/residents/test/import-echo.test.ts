import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeResidentIdNumber } from '@shequ/contracts';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { Resident } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture } from './fixtures.js';

// A refused import row quoted the cell it refused whole: one cell of 200,000 characters (a file may carry 20 MiB)
// came back whole in the row's reason, once per row. A reason repeats at most 40 characters of a value now.
const IMPORT = `mutation($input: ImportResidentsInput!) { importResidents(input: $input) { created rejected results { row outcome field reason } } }`;
const HEADER = 'idNumber,name,phone,gridCode,building,unit,room,housing,relationToHead,residenceType';

describe.each(testDialects())('an import’s refusals do not repeat a huge cell on %s', (dialect) => {
  let service: TestSubgraph;
  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      clock: new ManualClock(new Date('2026-11-30T08:00:00Z')),
      registeredCommunities: [COMMUNITY],
    });
    await placesFixture(service.orm.em.fork());
  });
  afterAll(() => service?.stop());

  it('names the field and quotes at most 40 characters of a 200,000-character cell, nothing written', async () => {
    const id = composeResidentIdNumber('350203', '1970-02-03', 41);
    const big = 'X'.repeat(200_000);
    const rows = [
      `${id},郑远方,,350203008006-01,1号楼,1,101,${big},HEAD,`,
      `${id},郑远方,,350203008006-01,1号楼,1,101,,${big},`,
      `${id},郑远方,,${big},1号楼,1,101,,HEAD,`,
    ];
    const answer = await service.graphql(IMPORT, { input: { format: 'CSV', content: [HEADER, ...rows].join('\n') } });
    expect(answer.errors).toBeUndefined();
    const results = answer.data.importResidents.results as Array<{ field: string; reason: string }>;
    expect(results.map((r) => r.field)).toEqual(['housing', 'relationToHead', 'gridCode']);
    for (const { reason } of results) {
      expect(reason.length).toBeLessThan(120);
      expect(reason).toContain(`${'X'.repeat(40)}…（共 200000 个字）`);
    }
    expect(JSON.stringify(answer).length).toBeLessThan(2000);
    expect(await service.orm.em.fork().count(Resident, {})).toBe(0);
  });
});
