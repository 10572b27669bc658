import zlib from 'node:zlib';
import * as esbuild from 'esbuild';

const peers = ['react', 'react-dom', 'recharts', '@tanstack/react-query', 'react/jsx-runtime'];
const src = process.argv[2];
const r = await esbuild.build({
  stdin: { contents: src, resolveDir: process.cwd(), loader: 'js' },
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  external: peers,
});
const out = r.outputFiles[0].contents;
console.log('min', out.length, 'gz', zlib.gzipSync(out, { level: 9 }).length);
if (process.argv[3]) console.log(Buffer.from(out).toString());
