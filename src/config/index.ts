/**
 * config: a YAML file describing a target → a validated, fully filled
 * TermlensConfig. Every default lives in defaults.ts; docs/config.md's key
 * table is generated from the same place (reference.ts).
 */
export { loadConfig, configFromYaml, configFromObject, configFromFileObject, type LoadOptions } from './load.js';
export { YamlSource } from './source.js';
export { configError, type Problem } from './problems.js';
export { expandCommand, expandTemplate, scanTemplate, templateProblems, shellQuote, type ExpandOptions, type ExpandCommandOptions, type Placeholder } from './template.js';
export { DEFAULTS, LIMITS, PRETEST_PROTOCOLS, RECORD_BACKENDS, FRAME_FORMATS } from './defaults.js';
export { KEY_DOCS, configReferenceTable, documentedDefault, defaultAt, type KeyDoc } from './reference.js';
export { configSchema, schemaKeyPaths } from './schema.js';
export {
  type TermlensConfig,
  type PretestConfig,
  type RecordConfig,
  type RenderConfig,
  type FramesConfig,
  type JudgeConfig,
  type OutputsConfig,
  type CompareConfig,
  type ConfigSource,
  type PretestProtocol,
  type RecordBackend,
  type FrameFormat,
} from './types.js';
