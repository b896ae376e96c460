// `node --import ./bench/trace-imports.mjs …`: appends every module URL the
// program loads to the file named by TERMLENS_TRACE_IMPORTS, one per line, so a
// test or the benchmark can see which packages a command line pulls in.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
const file = process.env.TERMLENS_TRACE_IMPORTS;
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (file) appendFileSync(file, result.url + ' <- ' + (context.parentURL ?? '') + '\\n');
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
