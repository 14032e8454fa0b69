import { describe, it } from 'vitest';
import { testDialects } from '@shequ/testing';
import { checkRecordVersionsHoldStreamSequences } from '@shequ/subgraph/testing';
import { partybuildingEntities } from '../src/entities/index.js';
import { partybuildingMigrations } from '../src/migrations/index.js';

describe.each(testDialects())('record versions after every migration (%s)', (dialect) => {
  it('hold a durable position past 2^31 (a JetStream sequence after two billion events)', () =>
    checkRecordVersionsHoldStreamSequences(
      { migrations: partybuildingMigrations, entities: partybuildingEntities },
      dialect,
    ));
});
