/** The four subgraphs, in composition order, with the port variable and default port of each. */
export const SUBGRAPHS = [
  { name: 'residents', portVariable: 'RESIDENTS_PORT', defaultPort: 4001 },
  { name: 'cases', portVariable: 'CASES_PORT', defaultPort: 4002 },
  { name: 'partybuilding', portVariable: 'PARTYBUILDING_PORT', defaultPort: 4003 },
  { name: 'events', portVariable: 'EVENTS_PORT', defaultPort: 4004 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/**
 * Where each subgraph answers: `<NAME>_URL` when set (another host), else localhost on `<NAME>_PORT`.
 * The composed supergraph holds the default URLs; these override them at run time.
 */
export function subgraphUrls(env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, string> {
  const urls = {} as Record<SubgraphName, string>;
  for (const subgraph of SUBGRAPHS) {
    const explicit = env[`${subgraph.name.toUpperCase()}_URL`];
    const port = env[subgraph.portVariable] || String(subgraph.defaultPort);
    urls[subgraph.name] = explicit ?? `http://127.0.0.1:${port}/graphql`;
  }
  return urls;
}
