/**
 * How a run shows itself. Three views of the same events:
 * - automation: about ten `KEY: value` lines on stdout for a script or an agent;
 * - a terminal: a live bar per stage on stderr (stage, bar, elapsed, ETA);
 * - a pipe or file: plain timestamped lines on stderr, progress at most every 5 s.
 */
import cliProgress from 'cli-progress';
import type { PipelineEvent, RunOutcome, StageRecord } from '../pipeline/index.js';

export interface RunView {
  onEvent(e: PipelineEvent): void;
  /** After the run: close bars, print the ending lines. */
  end(outcome: RunOutcome): void;
}

const seconds = (s: number | undefined) => (s === undefined ? '' : `${s.toFixed(1)}s`);

function stageLine(r: StageRecord): string {
  return `${r.name} ${r.state}${r.durationSeconds !== undefined ? ` ${seconds(r.durationSeconds)}` : ''}${r.note ? `: ${r.note}` : ''}`;
}

export function automationView(out: NodeJS.WritableStream = process.stdout): RunView {
  const line = (key: string, value: string) => out.write(`${key}: ${value.replace(/\s*\n\s*/g, ' ')}\n`);
  return {
    onEvent(e) {
      if (e.kind === 'run-started') {
        line('RUN_ID', e.layout.runId);
        line('RECORDING_DIR', e.layout.recordingDir);
        line('REPORT_DIR', e.layout.reportDir);
        line('STATUS', e.layout.status);
      } else if (e.kind === 'stage-finished') {
        line('STAGE', stageLine(e.record));
      }
    },
    end(outcome) {
      if (outcome.scorecard) line('SCORECARD', outcome.layout.scorecardMd);
      line('VERDICT', outcome.verdict);
    },
  };
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

export function plainView(err: NodeJS.WritableStream = process.stderr): RunView {
  let lastProgress = 0;
  const say = (text: string) => err.write(`[${clock()}] ${text}\n`);
  return {
    onEvent(e) {
      switch (e.kind) {
        case 'run-started':
          say(`run ${e.layout.runId}: recordings in ${e.layout.recordingDir}, reports in ${e.layout.reportDir}`);
          break;
        case 'stage-started':
          lastProgress = Date.now();
          say(`${e.stage} started`);
          break;
        case 'stage-progress':
          if (Date.now() - lastProgress >= 5000) {
            lastProgress = Date.now();
            const p = e.progress;
            say(`${e.stage} ${p.percent !== undefined ? `${p.percent}%` : ''}${p.framesRendered !== undefined ? ` ${p.framesRendered} frames` : ''}${p.detail ? ` ${p.detail}` : ''}`);
          }
          break;
        case 'stage-finished':
          say(stageLine(e.record));
          break;
        case 'log':
          say(`${e.stage}: ${e.line}`);
          break;
      }
    },
    end() {},
  };
}

const ICONS: Record<string, string> = { done: '✔', unchanged: '=', reused: '↺', skipped: '–', failed: '✘', interrupted: '■' };

function clockTime(s: number): string {
  const m = Math.floor(s / 60);
  return m ? `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s` : `${Math.floor(s)}s`;
}

export function terminalView(err: NodeJS.WriteStream = process.stderr): RunView {
  let bar: cliProgress.SingleBar | undefined;
  let started = 0;
  let percent: number | undefined;
  let detail = '';
  // Elapsed and ETA are ours, not the library's: a stage that cannot tell its
  // progress (a recording without a known end) shows elapsed time and no ETA.
  const payload = () => {
    const elapsed = (Date.now() - started) / 1000;
    const eta = percent && percent > 0 && percent < 100 ? clockTime((elapsed * (100 - percent)) / percent) : '–';
    return { pct: percent === undefined ? ' --' : `${String(Math.round(percent)).padStart(3)}%`, elapsedText: clockTime(elapsed), etaText: eta, detail };
  };
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    onEvent(e) {
      switch (e.kind) {
        case 'run-started':
          err.write(`run ${e.layout.runId}\n  recordings: ${e.layout.recordingDir}\n  reports:    ${e.layout.reportDir}\n`);
          break;
        case 'stage-started':
          stop();
          started = Date.now();
          percent = undefined;
          detail = '';
          bar = new cliProgress.SingleBar(
            { stream: err, format: ' {stage} {bar} {pct} | {elapsedText} | ETA {etaText} | {detail}', barsize: 24, hideCursor: true, clearOnComplete: true, fps: 5 },
            cliProgress.Presets.shades_classic,
          );
          bar.start(100, 0, { stage: e.stage.padEnd(7), ...payload() });
          break;
        case 'stage-progress': {
          const p = e.progress;
          percent = p.percent;
          detail = [p.framesRendered !== undefined ? `${p.framesRendered} frames` : '', p.requestsDone !== undefined ? `${p.requestsDone}/${p.requestsTotal} requests` : '', p.detail ?? '']
            .filter(Boolean)
            .join(', ')
            .slice(0, 60);
          bar?.update(percent ?? 0, payload());
          break;
        }
        case 'stage-finished':
          stop();
          err.write(` ${ICONS[e.record.state] ?? ' '} ${stageLine(e.record)}\n`);
          break;
        case 'log':
          break;
      }
    },
    end() {
      stop();
    },
  };
}

/** The view for this process: automation when asked, a live bar on a terminal, plain lines otherwise. */
export function chooseView(automation: boolean): RunView {
  if (automation) return automationView();
  return process.stderr.isTTY ? terminalView() : plainView();
}
