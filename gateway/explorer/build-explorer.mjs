// Build step: bundles the GraphiQL explorer (React, GraphiQL and its styles, from npm) into dist/explorer, so the
// gateway serves it itself and a browser loads nothing from anywhere else (no CDN, no web fonts).
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const outdir = here('../dist/explorer');
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: { explorer: here('src/explorer.tsx') },
  outdir,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome109', 'firefox115', 'safari15'],
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl' },
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(here('index.html'), `${outdir}/index.html`);
console.log(`explorer bundled → ${outdir}`);
