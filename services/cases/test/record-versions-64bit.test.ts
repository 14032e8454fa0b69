import { describe, it } from 'vitest';
import { testDialects } from '@shequ/testing';
import { checkRecordVersionsHoldStreamSequences } from '@shequ/subgraph/testing';
import { casesEntities } from '../src/entities/index.js';
import { casesMigrations } from '../src/migrations/index.js';

describe.each(testDialects())('record versions after every migration (%s)', (dialect) => {
  it('hold a durable position past 2^31 (a JetStream sequence after two billion events)', () =>
    checkRecordVersionsHoldStreamSequences({ migrations: casesMigrations, entities: casesEntities }, dialect));
});
