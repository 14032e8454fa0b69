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
    return load.call(this, request, parent, isMain);
  };
}
