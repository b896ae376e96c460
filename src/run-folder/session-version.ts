/**
 * session.json's name and version, apart from its schema
 * (session-artifact.ts): the recorder writes the file without loading the
 * schema library, so `termlens record` starts and ends as fast as it can;
 * the readers check it against the schema.
 */
export const SESSION_FILE_NAME = 'session.json';
export const SESSION_SCHEMA_VERSION = 1;
