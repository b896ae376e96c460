// `npm run build` (and `prepare`, so `npm install` in a checkout and `npm pack`
// run it): compiles src/ and the demo target to dist/ and copies the files the
// compiled code reads beside itself (report templates). dist/ is emptied first
// so a module deleted from src/ cannot live on in the package.
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const ASSETS = /\.(hbs|json|svg|css)$/;

function copyAssets(from, to) {
  for (const name of readdirSync(from)) {
    const path = join(from, name);
    if (statSync(path).isDirectory()) copyAssets(path, join(to, name));
    else if (ASSETS.test(name)) cpSync(path, join(to, name));
  }
}

rmSync('dist', { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
copyAssets('src', join('dist', 'src'));
