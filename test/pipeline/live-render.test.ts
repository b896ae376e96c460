/**
 * Rendering while the program is recorded: the run's video is the one a
 * render of the finished cast makes, --from render still renders the cast
 * afterwards, and a live render that cannot finish gives way to the
 * sequential one, saying so.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { configFromObject } from '../../src/config/index.js';
import { loadThumbnails } from '../../src/frames/index.js';
import { ffmpegPath, runTool } from '../../src/media/tools.js';
import { runPipeline, type RunOutcome } from '../../src/pipeline/index.js';
import { renderCast, type VideoManifest } from '../../src/render/index.js';
import { fastDemo, offlineEnv, tempRoots } from './helpers.js';

const renderNote = (o: RunOutcome) => o.stages.find((s) => s.name === 'render')!.note ?? '';
const manifestOf = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as VideoManifest;

/** One line per decoded frame: its time and the MD5 of its pixels. */
async function frameHashes(video: string): Promise<string[]> {
  const { stdout } = await runTool(ffmpegPath(), ['-v', 'error', '-i', video, '-f', 'framemd5', '-'], { stage: 'render' });
  return stdout.toString('utf8').split('\n').filter((l) => /^\d/.test(l));
}

test('a run renders the video while the program is recorded, and it is the video the finished cast renders to', async (t) => {
  const roots = await tempRoots();
  const events: string[] = [];
  const outcome = await runPipeline(fastDemo(), { roots, env: offlineEnv(), onEvent: (e) => e.kind === 'log' && events.push(e.line) });
  assert.equal(outcome.exitCode, 0, outcome.error?.message);
  assert.match(renderNote(outcome), /^\d+ frames, .*; rendered during the recording$/);
  assert.ok(!events.some((l) => /live render failed/.test(l)), events.join('\n'));
  const live = manifestOf(outcome.layout.videoJson);

  const config = fastDemo();
  const sequentialVideo = join(roots.dir, 'sequential.mp4');
  const sequential = await renderCast(outcome.layout.cast, {
    output: sequentialVideo,
    manifestPath: join(roots.dir, 'sequential.json'),
    width: config.render.width,
    height: config.render.height,
    padding: config.render.padding,
    fps: config.render.fps,
    speed: config.render.speed,
    theme: config.render.theme,
    ...(config.render.fontSize !== null ? { fontSize: config.render.fontSize } : {}),
    ...(config.render.idleTimeLimit !== null ? { idleTimeLimit: config.render.idleTimeLimit } : {}),
    ...(config.render.windowBar !== 'none' ? { windowBar: config.render.windowBar } : {}),
  });
  assert.equal(live.frames.length, sequential.manifest.frames.length, 'same frame count');
  assert.deepEqual(live.frames, sequential.manifest.frames, 'the same frames at the same times');
  assert.equal(live.duration, sequential.manifest.duration, 'same duration');
  assert.deepEqual(live.markers, sequential.manifest.markers);
  const [liveHashes, sequentialHashes] = [await frameHashes(outcome.layout.video), await frameHashes(sequentialVideo)];
  assert.ok(liveHashes.length > 10, `the video has frames: ${liveHashes.length}`);
  assert.deepEqual(liveHashes, sequentialHashes, 'every decoded frame has the same pixels, the last one included');
  // The frames stage told the frames apart by the live render's thumbnails, without decoding the video.
  assert.equal(live.thumbnails?.count, liveHashes.length, 'a thumbnail for every frame of the video');
  assert.equal((await loadThumbnails(outcome.layout.video, liveHashes.length)).source, 'render');

  await t.test('--from render renders the finished cast afterwards, to the same video', async () => {
    const again = await runPipeline(fastDemo(), { roots, env: offlineEnv(), from: 'render', runDir: outcome.layout.reportDir, force: true });
    assert.equal(again.exitCode, 0, again.error?.message);
    assert.doesNotMatch(renderNote(again), /during the recording/);
    assert.match(renderNote(again), /^\d+ frames/);
    assert.deepEqual(manifestOf(again.layout.videoJson).frames, live.frames);
    assert.deepEqual(await frameHashes(again.layout.video), liveHashes);
    assert.ok(!existsSync(`${again.layout.video}.thumbs`), 'the live render’s thumbnails went with its video');
  });
});

test('--no-live-render (liveRender: false) renders after the recording', async () => {
  const roots = await tempRoots();
  const outcome = await runPipeline(fastDemo(), { roots, env: offlineEnv(), liveRender: false });
  assert.equal(outcome.exitCode, 0, outcome.error?.message);
  assert.match(renderNote(outcome), /^\d+ frames/);
  assert.doesNotMatch(renderNote(outcome), /during the recording/);
});

test('a terminal that grows past its first size during the recording is rendered afterwards, and the log says why', async () => {
  const roots = await tempRoots();
  const config = configFromObject(
    {
      name: 'grows',
      command: "sh -c 'stty size; read line; stty size; echo done'",
      record: {
        cols: 40,
        rows: 8,
        timeout: '30s',
        // The sleep outlasts the renderer's latest start (a second), so the live render is under way when the terminal grows.
        steps: [{ wait: '/^8 40/' }, { sleep: '1500ms' }, { resize: '60x12' }, { key: 'Enter' }, { wait: '/^done/' }, 'wait-exit'],
      },
      render: { width: 480, height: 270 },
      frames: { count: 2 },
    },
    roots.dir,
  );
  const logs: string[] = [];
  const outcome = await runPipeline(config, { roots, env: offlineEnv(), onEvent: (e) => e.kind === 'log' && logs.push(e.line) });
  assert.equal(outcome.exitCode, 0, outcome.error?.message);
  assert.ok(
    logs.some((l) => /the live render failed \(the terminal grew to 60x12 while recording, past the 40x8 .*\); rendering the finished cast instead/.test(l)),
    logs.join('\n'),
  );
  assert.match(renderNote(outcome), /^\d+ frames/);
  assert.doesNotMatch(renderNote(outcome), /during the recording/);
  const video = manifestOf(outcome.layout.videoJson);
  assert.equal(video.cols, 60, 'the frame fits the largest size, as a render of the finished cast does');
  assert.equal(video.rows, 12);
});

test('a program that ends before the live renderer starts still gets the video the finished cast renders to', async () => {
  const roots = await tempRoots();
  const config = configFromObject(
    { name: 'brief', command: "printf '\\033[1;32mready\\033[0m\\r\\n'", record: { cols: 40, rows: 8, timeout: '30s' }, render: { width: 480, height: 270 }, frames: { count: 2 } },
    roots.dir,
  );
  const logs: string[] = [];
  const outcome = await runPipeline(config, { roots, env: offlineEnv(), onEvent: (e) => e.kind === 'log' && logs.push(e.line) });
  assert.equal(outcome.exitCode, 0, outcome.error?.message);
  assert.ok(!logs.some((l) => /live render failed/.test(l)), logs.join('\n'));
  assert.match(renderNote(outcome), /^\d+ frames/);
  const sequentialVideo = join(roots.dir, 'sequential.mp4');
  const sequential = await renderCast(outcome.layout.cast, {
    output: sequentialVideo,
    manifestPath: join(roots.dir, 'sequential.json'),
    width: 480,
    height: 270,
    padding: config.render.padding,
    fps: config.render.fps,
    theme: config.render.theme,
  });
  assert.deepEqual(manifestOf(outcome.layout.videoJson).frames, sequential.manifest.frames);
  assert.deepEqual(await frameHashes(outcome.layout.video), await frameHashes(sequentialVideo));
});
