// Bundles src/viewer.js and src/modeler.js (and the CSS and fonts they import) into ../webui/static/dist/.
// Run with `npm run build`; the Makefile does it for `make run` and `make test`.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const outdir = fileURLToPath(new URL('../webui/static/dist/', import.meta.url));

await rm(outdir, { recursive: true, force: true });

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: { viewer: 'src/viewer.js', modeler: 'src/modeler.js' },
  outdir,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'eof',
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
  assetNames: 'fonts/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.entries(result.metafile.outputs)
  .filter(([file]) => !file.endsWith('.map'))
  .map(([file, { bytes }]) => `  ${file.replace(/^.*webui\/static\//, 'webui/static/')}  ${(bytes / 1024).toFixed(1)} KiB`);
console.log(`built:\n${outputs.join('\n')}`);
