/**
 * The import rules of src/, checked by `npm test` (npm run deps) and so by CI.
 * docs/architecture.md explains them; this file is where they are enforced.
 *
 * 1. No import cycles, not even type-only ones: a cycle makes the load order
 *    decide what a module sees, and makes every module in it change together.
 * 2. Layers: a module imports from its own layer or a lower one, never from
 *    a higher one. The stages come in the order the pipeline runs them, so a
 *    stage may read what an earlier stage made, never the other way round.
 * 3. Every folder or top-level file of src/ is in exactly one layer, so a new
 *    one has to be placed here (and in docs/architecture.md) before it is used.
 * 4. Only src/terminal/ imports xterm.js (@xterm/*, type-only imports too):
 *    the rest of termlens reads screens through VirtualTerminal, the replay
 *    loop and CellReader, and xterm.js's private API stays in one file
 *    (src/terminal/xterm-adapter.ts).
 */

/** Lowest first. Each entry is a folder or a top-level file of src/. */
const LAYERS = [
  // Foundations every stage shares. They import nothing from src/ but each other.
  { name: 'foundations', members: ['errors', 'criteria.ts', 'redact.ts', 'version.ts', 'find-executable.ts', 'yaml-limits.ts', 'processes.ts', 'run-folder'] },
  // File formats and external tools: asciicast reading/writing, ffmpeg/ffprobe and image helpers.
  { name: 'formats', members: ['cast', 'media'] },
  // The terminal emulator (xterm headless) every consumer of a cast replays into.
  { name: 'terminal', members: ['terminal'] },
  // The stages, in pipeline order (pipeline/types.ts STAGES). record, tape and vhs
  // together make the record stage: record/ is the PTY recorder, tape/ the VHS
  // tape front end that drives both the recorder and the renderer, vhs/ the
  // backend that runs the real VHS from a tape.
  { name: 'pretest', members: ['pretest'] },
  { name: 'record', members: ['record'] },
  { name: 'render', members: ['render'] },
  { name: 'tape', members: ['tape'] },
  { name: 'vhs', members: ['vhs'] },
  { name: 'frames', members: ['frames'] },
  { name: 'inspect', members: ['inspect'] },
  { name: 'judge', members: ['judge'] },
  { name: 'report', members: ['report'] },
  { name: 'compare', members: ['compare'] },
  // Readers of finished results: CI outputs (JUnit, step summary) and the reviewed corpus.
  { name: 'results', members: ['ci', 'corpus'] },
  // Calibration: the judge ordering the corpus's known pairs (it renders, inspects, picks frames and
  // asks the pair judge); the report stage cites its calibration.json, so it sits below the pipeline.
  { name: 'calibrate', members: ['calibrate'] },
  // The config file describes every stage, so it sits above them; stages never read it.
  { name: 'config', members: ['config'] },
  // The pipeline maps the config onto each stage (pipeline/stages/) and runs them.
  { name: 'pipeline', members: ['pipeline'] },
  // Suites: a config's matrix expanded into scenarios, each a pipeline run; shards merged, suites compared.
  { name: 'suite', members: ['suite'] },
  // The command line, on top of everything.
  { name: 'cli', members: ['cli'] },
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pathOf = (members) => `^src/(${members.map((m) => (m.endsWith('.ts') ? escape(m) + '$' : escape(m) + '/')).join('|')})`;
const allMembers = LAYERS.flatMap((l) => l.members);

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name}`,
  severity: 'error',
  comment: `${layer.name} may not import from a higher layer (${LAYERS.slice(i + 1).map((l) => l.name).join(', ')}); see the layer list in .dependency-cruiser.cjs.`,
  from: { path: pathOf(layer.members) },
  to: { path: pathOf(LAYERS.slice(i + 1).flatMap((l) => l.members)) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle (type-only imports count too). Move the shared part into the lower module or a new leaf.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'xterm-only-in-terminal',
      severity: 'error',
      comment: 'Only src/terminal/ may import xterm.js (@xterm/*): use VirtualTerminal, replayCast or CellReader from src/terminal/, or add the method there.',
      from: { path: '^src/', pathNot: '^src/terminal/' },
      to: { path: '(^|/)node_modules/@xterm/|^@xterm/' },
    },
    {
      name: 'in-a-layer',
      severity: 'error',
      comment: 'Every folder and top-level file of src/ belongs to a layer: add it to LAYERS in .dependency-cruiser.cjs.',
      from: { path: '^src/', pathNot: pathOf(allMembers) },
      to: {},
    },
    {
      name: 'into-a-layer',
      severity: 'error',
      comment: 'Imports a module of src/ that is in no layer: add it to LAYERS in .dependency-cruiser.cjs.',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: pathOf(allMembers) },
    },
  ],
  options: {
    // node_modules stays in the graph (as leaves, never followed) so rule 4 sees imports of packages.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    // Type-only imports are imports too: they make cycles just the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
