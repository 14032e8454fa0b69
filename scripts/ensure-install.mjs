// Used by `npm run build`, `npm run bench` …: npm dependencies present and current.
import { ensureNpmDependencies } from './lib/npm-install.mjs';

await ensureNpmDependencies();
