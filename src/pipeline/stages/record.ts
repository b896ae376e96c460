/**
 * Record: the program's rich display through a real PTY into session.cast —
 * from the config's command and steps, or from a VHS tape (`record.tape`);
 * or, with `record.backend: vhs`, VHS itself makes session.mp4.
 *
 * The command runs through /bin/sh with {{env.NAME}} left as $NAME for the
 * shell to fill in, so a secret passed that way never lands in the cast
 * header or session.json.
 */
import { readFile } from 'node:fs/promises';
import { expandCommand } from '../../config/index.js';
import { TermlensError } from '../../errors/index.js';
import { leftRunningNote, recordFailure, recordSession, type RecordResult } from '../../record/index.js';
import { recordTape } from '../../tape/index.js';
import { recordWithVhs } from '../../vhs/index.js';
import type { Stage, StageContext, StageRun } from '../context.js';

const isVhs = (ctx: StageContext) => ctx.config.record.backend === 'vhs';
export { isVhs };

/** The command line to record when no tape types one. The config refuses a file with neither; this keeps that promise checked here too. */
function commandToRecord(command: string | null): string {
  if (command === null) {
    throw new TermlensError('command: is missing, and there is no record.tape to type one', { code: 'config', stage: 'record', hint: 'Give the shell command that shows the display, e.g. command: "htop", or record.tape.' });
  }
  return command;
}

async function throughVhs(ctx: StageContext, command: string | null): Promise<StageRun> {
  const { config, layout } = ctx;
  const result = await recordWithVhs({
    ...(config.record.tape
      ? { tapeText: await readFile(config.record.tape, 'utf8'), tapeFile: config.record.tape }
      : {
          config: {
            command: commandToRecord(command),
            timeoutSeconds: config.record.timeout,
            width: config.render.width,
            height: config.render.height,
            ...(config.render.fontSize !== null ? { fontSize: config.render.fontSize } : {}),
            theme: config.render.theme,
          },
        }),
    outputMp4: layout.video,
    workDir: layout.recordingDir,
    cwd: config.record.cwd,
    timeoutMs: config.record.timeout * 1000,
    signal: ctx.signal,
    env: { ...ctx.env, ...config.record.env },
  });
  for (const w of result.warnings) ctx.log(w);
  return { note: `VHS made ${result.video} in ${(result.durationMs / 1000).toFixed(1)} s`, outputs: [result.video, result.tape] };
}

export const recordStage: Stage = {
  name: 'record',
  requiredOutputs: (ctx) => (isVhs(ctx) ? [ctx.layout.video] : [ctx.layout.cast, ctx.layout.session]),
  async run(ctx) {
    const { config, layout } = ctx;
    const env = { ...ctx.env, ...config.record.env };
    let command: string | null = null;
    if (config.command !== null) {
      // Expanding once with the values proves every {{env.NAME}} is set before anything starts.
      expandCommand(config, { vars: ctx.vars, env });
      command = expandCommand(config, { vars: ctx.vars, env, redactEnv: true });
    }
    if (isVhs(ctx)) return throughVhs(ctx, command);

    const timeoutMs = config.record.timeout * 1000;
    const started = Date.now();
    const ticker = setInterval(() => {
      // No percent: a recording ends when the program does, which nothing here can foresee.
      ctx.progress({ detail: `${((Date.now() - started) / 1000).toFixed(0)} s recorded` });
    }, 1000);
    ticker.unref();
    const common = {
      cwd: config.record.cwd,
      env: config.record.env,
      baseEnv: ctx.env,
      timeoutMs,
      signal: ctx.signal,
      killDaemons: config.record.killDaemons,
      onStart: (info: { cols: number; rows: number; commandLine: string }) => ctx.log(`recording ${info.cols}×${info.rows}: ${command ?? info.commandLine}`),
    };
    try {
      let result: RecordResult;
      if (config.record.tape) {
        const tape = await recordTape(config.record.tape, { ...common, cast: layout.cast, sessionPath: layout.session });
        for (const w of tape.warningText) ctx.log(w);
        result = tape;
      } else {
        result = await recordSession({
          ...common,
          command: '/bin/sh',
          args: ['-c', commandToRecord(command)],
          output: layout.cast,
          sessionPath: layout.session,
          cols: config.record.cols,
          rows: config.record.rows,
          steps: config.record.steps,
          title: config.name,
        });
      }
      const left = leftRunningNote(result.session, 'record.killDaemons: true');
      if (left) ctx.log(left);
      const failure = recordFailure(result);
      if (failure) throw failure;
      return { note: `${result.durationSeconds.toFixed(1)} s at ${result.cols}×${result.rows}`, outputs: [layout.cast, layout.session] };
    } finally {
      clearInterval(ticker);
    }
  },
};
