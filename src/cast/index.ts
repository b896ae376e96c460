export * from './types.js';
export { openCast, readCast, parseHeader, parseEventLine, type CastFile, type OpenedCast } from './reader.js';
export { CastWriter } from './writer.js';
export { followCast, type FollowOptions } from './follow.js';
