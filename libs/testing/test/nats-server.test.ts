import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort, portIsOpen, startNatsServer, testDatabaseLocation } from '../src/index.js';

describe('test infrastructure', () => {
  it('finds free ports', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(1024);
    expect(await portIsOpen(port)).toBe(false);
  });

  it('starts, stops and restarts a real nats-server on the same port and store', async () => {
    const nats = await startNatsServer();
    expect(await portIsOpen(nats.port)).toBe(true);
    await nats.stop();
    expect(await portIsOpen(nats.port)).toBe(false);
    await nats.start();
    expect(await portIsOpen(nats.port)).toBe(true);
    await nats.dispose();
    expect(existsSync(nats.storeDir)).toBe(false);
  });

  it('does not mistake another listener on the port for its own server (parallel tests picking the same free port)', async () => {
    const port = await freePort();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startNatsServer({ port })).rejects.toThrow(/did not start on port/);
    } finally {
      squatter.close();
    }
  });

  it('names a fresh SQLite file for each test database', () => {
    const a = testDatabaseLocation('sqlite', 'x');
    const b = testDatabaseLocation('sqlite', 'x');
    expect(a.dbName).not.toBe(b.dbName);
    expect(a.dbName).toMatch(/\.sqlite$/);
  });
});
