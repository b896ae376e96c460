/**
 * Follows a massgen-protocol program's status.json: one read at a time,
 * every phase and change of completion kept, the last snapshot at hand.
 */
import { readStatusFile, viewStatus, type StatusView } from './automation.js';
import type { ProgressPoint } from './types.js';

/** Progress points kept at most; the first is never dropped. */
const MAX_PROGRESS = 1000;

export class StatusWatcher {
  readonly phases: string[] = [];
  readonly progress: ProgressPoint[] = [];
  readonly reads = { ok: 0, missing: 0, invalid: 0 };
  lastStatus: unknown = null;
  lastView: StatusView | null = null;
  private inFlight: Promise<StatusView | null> | null = null;

  /** `onChange` hears of each new phase or completion percentage. */
  constructor(
    private readonly elapsed: () => number,
    private readonly onChange: (view: StatusView) => void,
  ) {}

  /**
   * Read the file once and return what it says, or null (absent, half
   * written, or a read already in flight). `fresh` waits for a read in flight
   * and then reads again: the last word after the program exits.
   */
  async read(path: string, fresh = false): Promise<StatusView | null> {
    if (this.inFlight) {
      await this.inFlight;
      if (!fresh) return null;
    }
    this.inFlight = this.readOnce(path);
    try {
      return await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  private async readOnce(path: string): Promise<StatusView | null> {
    const read = await readStatusFile(path);
    if (read.state !== 'ok') {
      this.reads[read.state]++;
      return null;
    }
    this.reads.ok++;
    this.lastStatus = read.json;
    const view = viewStatus(read.json);
    this.lastView = view;
    if (view.phase && !this.phases.includes(view.phase)) this.phases.push(view.phase);
    const last = this.progress[this.progress.length - 1];
    if (!last || last.phase !== view.phase || last.completion !== view.completion) {
      this.progress.push({ t: Number(this.elapsed().toFixed(3)), phase: view.phase, completion: view.completion });
      if (this.progress.length > MAX_PROGRESS) this.progress.splice(1, 1);
      this.onChange(view);
    }
    return view;
  }

  /** Each agent's last status. */
  agents(): Record<string, string | null> {
    return this.lastView ? Object.fromEntries(Object.entries(this.lastView.agents).map(([id, a]) => [id, a.status])) : {};
  }
}
