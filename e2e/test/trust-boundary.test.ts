import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '@shequ/demo-data';
import { startProcess } from '@shequ/testing';
import { ROOT, startSystem, type RunningSystem } from './system.js';

const MOVE = `mutation($input: MoveResidentInput!) { moveResident(input: $input) { resident { id } } }`;

describe('client mistakes and the bus, end to end (each service its own NATS user)', () => {
  let system: RunningSystem;
  const data = demoDataset();
  const resident = data.residents[0];
  const household = data.households[1];

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  it('names an invalid Date through the gateway as BAD_USER_INPUT in Chinese, without the subgraph’s address', async () => {
    const variable = await system.query(MOVE, {
      input: { residentId: resident.id, householdId: household.id, movedInOn: '2026-13-01' },
    });
    expect(variable.data ?? null).toBeNull();
    expect(variable.errors?.[0]).toMatchObject({
      message: '输入无效：input.movedInOn：日期须为 YYYY-MM-DD 格式的有效日期，收到 "2026-13-01"',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.movedInOn' },
    });
    const literal = await system.query(
      `mutation { moveResident(input: { residentId: "${resident.id}", householdId: "${household.id}", movedInOn: "2026-13-01" }) { resident { id } } }`,
    );
    expect(literal.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'movedInOn' } });
    for (const result of [variable, literal]) {
      const text = JSON.stringify(result);
      expect(text).not.toMatch(/INTERNAL_SERVER_ERROR|400: Bad Request|"response"|127\.0\.0\.1|localhost/);
    }
  });

  it('runs every service under its own NATS user with nothing dropped as foreign', async () => {
    for (const name of ['residents', 'cases', 'partybuilding', 'events']) {
      const port = system.env[`${name.toUpperCase()}_PORT`];
      const ready = (await (await fetch(`http://127.0.0.1:${port}/ready`)).json()) as { checks: { nats: boolean } };
      expect(ready.checks.nats, name).toBe(true);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics, name).not.toMatch(/shequ_events_rejected_total\{[^}]*\} [1-9]/);
    }
    expect(system.nats.credentials.residents?.user).toBe('residents');
  });
});

describe('a service in production mode', () => {
  it('refuses to start without NATS credentials, naming the variable', async () => {
    const { NATS_USER: _user, NATS_NKEY_SEED: _seed, ...rest } = process.env;
    const service = startProcess('events', process.execPath, [`${ROOT}services/events/dist/main.js`], {
      env: {
        ...rest,
        NODE_ENV: 'production',
        SHEQU_JWT_SECRET: 'production-test-secret-0123456789abcdef',
        EVENTS_PORT: '0',
      },
    });
    expect(await service.exited).toBe(1);
    expect(service.output()).toContain('NATS_USER is not set');
  });
});
