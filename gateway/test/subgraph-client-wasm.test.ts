import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const NODE_FLAGS: string[] = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../scripts/node-flags.json', import.meta.url)), 'utf8'),
).flags;
const SUBGRAPH_CLIENT = new URL('../dist/subgraph-client.js', import.meta.url).href;

// The built SubgraphClient (undici, whose HTTP parser is llhttp compiled to WebAssembly) against a local server, in a
// process started with npm start's flags; V8 prints every WebAssembly function it compiles and with which compiler.
const CHILD = `
import { createServer } from 'node:http';
const { SubgraphClient } = await import(${JSON.stringify(SUBGRAPH_CLIENT)});
const body = JSON.stringify({ data: { residents: { edges: Array.from({ length: 50 }, (_, i) => ({ node: { name: 'x' + i } })) } } });
const server = createServer((req, res) => { req.resume(); req.on('end', () => res.end(body)); });
await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
const url = 'http://127.0.0.1:' + server.address().port + '/graphql';
const client = new SubgraphClient({ mergeIdenticalFetches: false });
for (let i = 0; i < 2000; i++) await client.post(url, { 'content-type': 'application/json' }, '{"query":"{ x }"}', true);
await client.close();
server.close();
console.log('requests done');
`;

describe('the gateway’s HTTP client under npm start’s Node flags', () => {
  // Without --liftoff-only, V8 tiers undici's llhttp parser up to TurboFan after a few hundred responses: one
  // function of 33 KB of WebAssembly, compiled on a background thread with ~30 MB of compiler memory — the gateway's
  // RSS rose by 25–35 MB for a moment (its largest RSS under read load), and the compilation took 0.3–2.4 s of CPU.
  it('compiles its WebAssembly with Liftoff only, never TurboFan', { timeout: 180_000 }, async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [...NODE_FLAGS, '--trace-wasm-compilation-times', '--input-type=module', '-e', CHILD],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const output = `${stdout}\n${stderr}`;
    expect(output).toContain('requests done');
    expect(output).toMatch(/Compiled function .* using Liftoff/);
    expect(output).not.toMatch(/using TurboFan/);
  });
});
