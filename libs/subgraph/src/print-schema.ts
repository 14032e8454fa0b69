import { writeFileSync } from 'node:fs';
import { defaultValidatedSubgraphs, type FederatedSchema } from './federated-schema.js';

/**
 * Build step of every service: writes the subgraph SDL that the gateway's composition reads. The schema is built
 * with @apollo/subgraph's validation (an invalid subgraph fails the build here) and recorded as validated, so that
 * the service's start, printing the same SDL, does not validate it again (`ValidatedSubgraphs`).
 */
export async function writeSubgraphSdl(
  buildSchema: () => Promise<FederatedSchema>,
  target: string,
  validated = defaultValidatedSubgraphs,
): Promise<void> {
  validated.recording = true;
  let sdl: string;
  try {
    ({ sdl } = await buildSchema());
  } finally {
    validated.recording = false;
  }
  writeFileSync(target, sdl);
  console.log(`subgraph SDL written to ${target}`);
}
