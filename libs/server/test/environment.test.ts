import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ENVIRONMENT,
  configurationTable,
  pickVariables,
  readEnvironment,
  variablesUsedBy,
  withConfigurationTable,
} from '../src/index.js';

describe('one validated configuration', () => {
  it('parses numbers, applies defaults, leaves unset optional variables undefined', () => {
    const values = readEnvironment(pickVariables(ENVIRONMENT, ['CASES_PORT', 'NATS_PORT', 'NATS_URL', 'SHEQU_SEED']), {
      CASES_PORT: '5002',
      SHEQU_SEED: 'demo',
      NATS_PORT: '',
    });
    expect(values).toEqual({ CASES_PORT: 5002, NATS_PORT: 4222, NATS_URL: undefined, SHEQU_SEED: 'demo' });
  });

  it('a bad number names the variable, its value and what it expects (not NaN)', () => {
    const read = () => readEnvironment(variablesUsedBy('cases'), { SHEQU_CASES_OVERDUE_SCAN_MS: '6O000' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow('SHEQU_CASES_OVERDUE_SCAN_MS=6O000 is not valid: expected an interval in milliseconds');
    expect(() => readEnvironment(variablesUsedBy('cases'), { SHEQU_CASES_OVERDUE_SCAN_MS: '1' })).toThrow(
      /SHEQU_CASES_OVERDUE_SCAN_MS=1 .*at least 1000/,
    );
    expect(() => readEnvironment(variablesUsedBy('gateway'), { GATEWAY_PORT: '70000' })).toThrow(
      'GATEWAY_PORT=70000 is not valid: expected a port number (0–65535) for the gateway',
    );
    expect(() => readEnvironment(variablesUsedBy('events'), { SHEQU_SEED: 'yes' })).toThrow(
      'SHEQU_SEED=yes is not valid: expected demo or none',
    );
    expect(() => readEnvironment(variablesUsedBy('residents'), { LOG_LEVEL: 'verbose' })).toThrow(/^LOG_LEVEL=verbose/);
  });

  it('declares what the README used to miss, for the processes that read it', () => {
    for (const name of ['RESIDENTS_URL', 'SHEQU_SUPERGRAPH', 'SHEQU_JWT_ISSUER', 'SHEQU_JWT_AUDIENCE'])
      expect(Object.keys(variablesUsedBy('gateway'))).toContain(name);
    expect(Object.keys(variablesUsedBy('cases'))).toContain('CASES_DATABASE_URL');
    expect(Object.keys(variablesUsedBy('cases'))).not.toContain('EVENTS_DATABASE_URL');
  });

  it('the README configuration table is the one generated from the declarations', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(configurationTable(ENVIRONMENT));
    expect(withConfigurationTable(readme, ENVIRONMENT)).toBe(readme);
  });
});
