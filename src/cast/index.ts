export * from './types.js';
export { openCast, readCast, parseHeader, parseEventLine, type CastFile } from './reader.js';
export { CastWriter } from './writer.js';
