/** The pipeline: one run of every stage, its folders, its status file. */
export { runPipeline } from './run.js';
export { pretestOptionsFromConfig, type FromConfigOptions } from './stages/pretest.js';
export { demoConfig, DEMO_CONFIG, DEMO_LIMITS, type DemoOptions } from './demo.js';
export { runLayout, createRun, createNamedRun, findRun, latestRun, baseRunId, type RunLayout, type LayoutRoots } from './layout.js';
export { StatusWriter, STATUS_SCHEMA_VERSION, type RunStatus, type StatusError } from './status.js';
export { STAGES, type RunState, type StageName, type StageState, type StageRecord, type StageProgress, type PipelineEvent, type RunOptions, type RunOutcome } from './types.js';
