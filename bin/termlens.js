#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build`; `npm install` in a checkout builds it).
try {
  await import('../dist/src/cli/main.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/src/cli/main.js')) {
    process.stderr.write('termlens: the compiled CLI (dist/) is missing; run `npm run build` in the termlens folder (npm install does it)\n');
    process.exit(1);
  }
  throw error;
}
