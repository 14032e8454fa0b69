import { createRequire } from 'node:module';

/**
 * The modules Apollo's gateway requires only to report usage metrics to Apollo (its `utilities/opentelemetry.js`:
 * the OpenTelemetry metrics SDK, the OTLP exporter with its protobuf definitions, four clouds' resource detectors,
 * the incubating semantic conventions — ~3 MB of source kept in the heap and ~0.2 s of CPU at start). The gateway
 * turns that telemetry off (`supergraphGateway`), so it never calls them: they are replaced by an empty module.
 */
export const APOLLO_TELEMETRY_MODULES = [
  '@opentelemetry/semantic-conventions/incubating',
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/resource-detector-alibaba-cloud',
  '@opentelemetry/resource-detector-aws',
  '@opentelemetry/resource-detector-gcp',
  '@opentelemetry/resource-detector-azure',
  '@opentelemetry/resources',
  '@opentelemetry/exporter-metrics-otlp-http',
];
const TELEMETRY_FILE = /[\\/]@apollo[\\/]gateway[\\/]dist[\\/]utilities[\\/]opentelemetry\.js$/;

/**
 * `make-fetch-happen` (with cacache, proxy agents, minipass-fetch: ~0.3 s of CPU at start) is required by Apollo's
 * `RemoteGraphQLDataSource` for a default fetcher that every data source builds and the gateway's replaces
 * (`ForwardingDataSource` sends through its `SubgraphClient`), and by the Uplink manager, which a gateway with a
 * supergraph SDL never uses: those two files get a stand-in that loads the real module when a fetch is made.
 */
export const LAZY_FETCH_MODULE = 'make-fetch-happen';
const FETCH_USERS =
  /[\\/]@apollo[\\/]gateway[\\/]dist[\\/](datasources[\\/]RemoteGraphQLDataSource|supergraphManagers[\\/]UplinkSupergraphManager[\\/]index)\.js$/;

type Fetch = ((url: unknown, init?: unknown) => unknown) & { defaults(url?: unknown, init?: unknown): Fetch };

/** make-fetch-happen's interface (a fetch with `defaults`), the real module loaded by the first fetch. */
export function lazyFetchModule(real: () => Fetch): Fetch {
  const defaulted = (make: () => Fetch): Fetch => {
    let fetch: Fetch | undefined;
    const lazy = ((url: unknown, init?: unknown) => (fetch ??= make())(url, init)) as Fetch;
    lazy.defaults = (url, init) => defaulted(() => (fetch ??= make()).defaults(url, init));
    return lazy;
  };
  return defaulted(real);
}

type Load = (this: unknown, request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;

interface ModuleLoader {
  _load: Load;
}

let installed = false;

/**
 * Before `@apollo/gateway` is first loaded: its telemetry file gets an empty module for each of these requests (any
 * other module requiring them gets the real one). Must run before the gateway's modules are imported.
 */
export function withoutApolloTelemetryModules(): void {
  if (installed) return;
  installed = true;
  const loader = createRequire(import.meta.url)('node:module') as ModuleLoader;
  const load = loader._load;
  const replaced = new Set(APOLLO_TELEMETRY_MODULES);
  loader._load = function (request, parent, isMain) {
    if (replaced.has(request) && parent?.filename && TELEMETRY_FILE.test(parent.filename)) return {};
    if (request === LAZY_FETCH_MODULE && parent?.filename && FETCH_USERS.test(parent.filename))
      return lazyFetchModule(() => load.call(this, request, parent, isMain) as Fetch);
    return load.call(this, request, parent, isMain);
  };
}
