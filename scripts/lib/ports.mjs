// Checks that every port the system needs is free before anything starts.
import { createServer } from 'node:net';

export const PORT_SETTINGS = [
  ['GATEWAY_PORT', 4000],
  ['RESIDENTS_PORT', 4001],
  ['CASES_PORT', 4002],
  ['PARTYBUILDING_PORT', 4003],
  ['EVENTS_PORT', 4004],
  ['NATS_PORT', 4222],
];

export function portFromEnv(variable, fallback) {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${variable}=${raw} is not a port number (1–65535)`);
  return port;
}

function isFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/** Resolves the configured ports; exits with a message naming each port that is taken. */
export async function checkPorts() {
  const ports = {};
  const taken = [];
  for (const [variable, fallback] of PORT_SETTINGS) {
    const port = portFromEnv(variable, fallback);
    ports[variable] = port;
    if (!(await isFree(port))) taken.push(`port ${port} (${variable}) is already in use`);
  }
  const values = Object.values(ports);
  if (new Set(values).size !== values.length) taken.push(`two settings name the same port: ${JSON.stringify(ports)}`);
  if (taken.length) {
    console.error(
      `✗ cannot start:\n  - ${taken.join('\n  - ')}\n  Stop what uses it, or choose another port, e.g. GATEWAY_PORT=5000 npm start`,
    );
    process.exit(1);
  }
  return ports;
}
