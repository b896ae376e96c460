/**
 * Suites: a config's matrix expanded into scenarios, each run through the
 * pipeline into one suite folder; shards of a suite merged back; two suites
 * compared scenario by scenario. See docs/suites.md.
 */
export { expandMatrix, matrixKeyProblem, parseSize, SHORTHANDS, type Combination, type MatrixProblem } from './matrix.js';
export { loadSuite, scenarioId, slugsFor, type Scenario, type SuiteDefinition } from './scenarios.js';
export { isSuiteConfig, isSuiteFolder } from './detect.js';
export { parseShard, shardIds, matchesPattern, type Shard } from './shard.js';
export { runSuite, selectScenarios, type SuiteEvent, type SuiteRunOptions, type SuiteOutcome } from './run.js';
export { mergeSuites, type MergeOptions } from './merge.js';
export { compareSuites, suiteVerdictLines, writeSuiteComparison, type SuiteComparison, type ScenarioComparison } from './compare.js';
export { readSuite, findSuiteFolders } from './read.js';
export { writeSuite, suiteMarkdown, suiteGates, SUITE_FILES, type SuiteStatus } from './write.js';
export { SUITE_SCHEMA_VERSION, worstFirst, suiteVerdict, type SuiteResult, type ScenarioResult, type ScenarioScore, type ScenarioState } from './model.js';
