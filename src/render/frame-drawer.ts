/**
 * The renderer's consumer of the replay loop: cast time mapped to video
 * time, and at the end of each frame slot whose screen changed, the changed
 * cells repainted and the frame sent to the outputs. Markers are kept with
 * their video time for video.json.
 */
import { TermlensError } from '../errors/index.js';
import type { CastEvent, CastHeader } from '../cast/index.js';
import type { ReplayConsumer, ReplayScreen, Size } from '../terminal/index.js';
import type { GlyphAtlas } from './font/atlas.js';
import type { FrameOutputs } from './frame-outputs.js';
import type { Layout } from './raster/layout.js';
import type { CellPainter } from './raster/painter.js';
import { ScreenTracker } from './raster/screen-tracker.js';
import type { NamedScheme } from './themes/index.js';
import { frameSlot, type CastScan, type TimeMapper } from './timeline.js';
import type { FrameRecord, RenderOptions, VideoManifest } from './types.js';

/** Longest a program may hold synchronized output (mode 2026) before a frame is drawn anyway, as terminals do. */
const SYNC_TIMEOUT_SECONDS = 1;

export interface FrameDrawerSettings {
  fps: number;
  mapper: TimeMapper;
  /** Its duration grows with a followed cast. */
  scan: CastScan;
  /** A cast still being recorded: it may not grow past the frame the render started with. */
  followed: boolean;
  layout: Layout;
  scheme: NamedScheme;
  atlas: GlyphAtlas;
  painter: CellPainter;
  outputs: FrameOutputs;
  signal?: AbortSignal;
  onProgress?: RenderOptions['onProgress'];
}

/** Video times are kept to the microsecond. */
export const videoTime = (slot: number, fps: number): number => Math.round((slot / fps) * 1e6) / 1e6;

export class FrameDrawer implements ReplayConsumer {
  readonly frames: FrameRecord[] = [];
  readonly markers: VideoManifest['markers'] = [];
  /** The slot of the last frame sent, -1 before the first. */
  lastSlot = -1;
  /** The slot of the event being replayed. */
  private slot = 0;
  /** Whether the screen may differ from the last frame drawn. */
  private dirty = true;
  /** The slot since which the program holds synchronized output, -1 when it does not. */
  private syncSince = -1;
  private tracker: ScreenTracker | undefined;

  constructor(private readonly s: FrameDrawerSettings) {}

  onStart(_header: CastHeader, { terminal }: ReplayScreen): void {
    this.tracker = new ScreenTracker(terminal, this.s.scheme, this.s.atlas, this.s.painter, this.s.layout);
  }

  frameOf(event: CastEvent): number {
    const time = this.s.mapper.map(event.time);
    if (this.s.followed) this.s.scan.duration = time;
    this.slot = frameSlot(time, this.s.fps);
    return this.slot;
  }

  async onFrameDue(slot: number, screen: ReplayScreen): Promise<void> {
    if (this.dirty) await this.draw(slot, false, screen);
  }

  onEvent(): void {
    if (this.s.signal?.aborted) throw new TermlensError('render interrupted', { code: 'interrupted', stage: 'render', hint: 'Run it again to get the whole video.' });
  }

  onOutput(): void {
    this.dirty = true;
  }

  onResize(size: Size | undefined, event: CastEvent): void {
    const { cols, rows } = this.s.layout;
    if (this.s.followed && size && (size.cols > cols || size.rows > rows)) {
      throw new TermlensError(`the terminal grew to ${event.data} while recording, past the ${cols}x${rows} the live render started with`, {
        code: 'execution',
        stage: 'render',
        hint: 'Render the finished cast instead: its largest size sets the frame.',
      });
    }
    this.dirty = true;
  }

  onMarker(event: CastEvent): void {
    this.markers.push({ label: event.data, time: videoTime(this.slot, this.s.fps) });
  }

  /** The last frame, synchronized output or not (there is no later output to wait for). */
  async onEnd(screen: ReplayScreen): Promise<void> {
    if (this.dirty || this.lastSlot < 0) await this.draw(this.slot, true, screen);
  }

  /** Draw the frame for `slot` if the screen changed; `force` ignores synchronized output. */
  private async draw(slot: number, force: boolean, screen: ReplayScreen): Promise<void> {
    await screen.settle();
    const { terminal } = screen;
    if (terminal.synchronizedOutput && !force) {
      if (this.syncSince < 0) this.syncSince = slot;
      if ((slot - this.syncSince) / this.s.fps < SYNC_TIMEOUT_SECONDS) return;
    }
    if (!this.tracker) throw new Error('a frame was drawn before the replay started');
    this.syncSince = -1;
    this.dirty = false;
    const changed = await this.tracker.update();
    if (changed > 0 || this.lastSlot < 0) await this.send(slot, changed / Math.max(1, terminal.cols * terminal.rows));
  }

  private async send(slot: number, changed: number): Promise<void> {
    const record: FrameRecord = { time: videoTime(slot, this.s.fps), changed: Math.round(changed * 1e4) / 1e4 };
    const file = await this.s.outputs.send(slot, this.frames.length + 1);
    if (file !== undefined) record.file = file;
    this.frames.push(record);
    this.lastSlot = slot;
    const { scan } = this.s;
    this.s.onProgress?.({ framesDone: this.frames.length, framesEstimated: scan.busySlots, time: record.time, duration: scan.duration });
  }
}
