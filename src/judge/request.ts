/**
 * Building a Chat Completions request: images as base64 data URLs, each
 * frame labelled with its number so findings can point at it, and the
 * canonical hash that keys the cache.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ChatCompletionContentPart, ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { TermlensError, quote } from '../errors/index.js';
import { paramFields, type ModelParams } from './model-params.js';
import type { Detail } from './prompt-set.js';

export interface ImageRef {
  kind: 'frame' | 'grid';
  /** Frame number (frames only). */
  index?: number;
  time?: number;
  reason?: string;
  /** Absolute path. */
  file: string;
}

export interface LoadedImage extends ImageRef {
  mime: 'image/png' | 'image/jpeg';
  bytes: number;
  sha256: string;
  dataURL: string;
}

/** Read an image and check it is PNG or JPEG by its bytes, not its name. */
export async function loadImage(ref: ImageRef): Promise<LoadedImage> {
  let data: Buffer;
  try {
    data = await readFile(ref.file);
  } catch (cause) {
    throw new TermlensError(`cannot read the ${ref.kind} image ${quote(ref.file)}`, {
      code: 'not-found',
      stage: 'judge',
      hint: 'Run termlens frames again so frames.json and its images agree.',
      cause,
    });
  }
  const mime = sniffMime(data);
  if (!mime) {
    throw new TermlensError(`${quote(ref.file)} is neither PNG nor JPEG`, {
      code: 'bad-input',
      stage: 'judge',
      hint: 'Extract frames as PNG or JPEG (termlens frames --format png|jpeg).',
    });
  }
  return {
    ...ref,
    mime,
    bytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    dataURL: `data:${mime};base64,${data.toString('base64')}`,
  };
}

/** loadImage with memory: the same file asked for twice is read once. */
export function imageLoader(): (ref: ImageRef) => Promise<LoadedImage> {
  const memo = new Map<string, Promise<LoadedImage>>();
  return (ref) => {
    const key = `${ref.kind}:${ref.index ?? ''}:${ref.file}`;
    let loaded = memo.get(key);
    if (!loaded) memo.set(key, (loaded = loadImage(ref)));
    return loaded;
  };
}

export function sniffMime(data: Uint8Array): LoadedImage['mime'] | undefined {
  if (data.length >= 8 && data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return undefined;
}

export interface MessageInput {
  system: string;
  text: string;
  images: readonly LoadedImage[];
  /** Undefined: the provider does not take `detail`, so the field is left out. */
  detail?: Detail;
}

export function buildMessages(input: MessageInput): ChatCompletionMessageParam[] {
  const content: ChatCompletionContentPart[] = [{ type: 'text', text: input.text }];
  for (const image of input.images) {
    const label =
      image.kind === 'grid'
        ? 'Contact sheet of all frames; each tile is labelled with its frame number and time.'
        : `Frame ${image.index} at ${(image.time ?? 0).toFixed(1)} s${image.reason ? ` (${image.reason})` : ''}:`;
    content.push({ type: 'text', text: label });
    content.push({ type: 'image_url', image_url: { url: image.dataURL, ...(input.detail ? { detail: input.detail } : {}) } });
  }
  return [
    { role: 'system', content: input.system },
    { role: 'user', content },
  ];
}

export interface BodyInput {
  model: string;
  messages: ChatCompletionMessageParam[];
  /** Undefined when the schema travels in the prompt instead. */
  responseFormat?: ChatCompletionCreateParamsNonStreaming['response_format'];
  /** Budget, reasoning effort and temperature, as modelParams decided them for this model. */
  params: ModelParams;
}

export function buildRequestBody(input: BodyInput): ChatCompletionCreateParamsNonStreaming {
  return {
    model: input.model,
    messages: input.messages,
    ...(input.responseFormat ? { response_format: input.responseFormat } : {}),
    ...paramFields(input.params),
  } as ChatCompletionCreateParamsNonStreaming;
}

/**
 * SHA-256 of the canonical request: key-sorted JSON with each image's bytes
 * replaced by their hash, plus the server and the sample number (without
 * it, K samples of one prompt would share one cache entry and one answer).
 */
export function requestHash(body: ChatCompletionCreateParamsNonStreaming, extra: { baseURL: string; sample: number }): string {
  const canonical = canonicalJson({ body: stripImageData(body), ...extra });
  return createHash('sha256').update(canonical).digest('hex');
}

/** The request with data URLs shortened to `data:<mime>;sha256,<hash>`: what judgments.json stores and the cache key hashes. */
export function stripImageData<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'string' && v.startsWith('data:')) {
        const m = /^data:([^;,]+);base64,(.*)$/s.exec(v);
        if (m) return `data:${m[1]};sha256,${createHash('sha256').update(Buffer.from(m[2]!, 'base64')).digest('hex')}`;
      }
      return v;
    }),
  ) as T;
}

/** JSON with object keys sorted at every level, so equal requests hash equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
