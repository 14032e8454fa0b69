import { writeFileSync } from 'node:fs';
import type { FederatedSchema } from './federated-schema.js';

/** Build step of every service: writes the subgraph SDL that the gateway's composition reads. */
export async function writeSubgraphSdl(buildSchema: () => Promise<FederatedSchema>, target: string): Promise<void> {
  const { sdl } = await buildSchema();
  writeFileSync(target, sdl);
  console.log(`subgraph SDL written to ${target}`);
}
