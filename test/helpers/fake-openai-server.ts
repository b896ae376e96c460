/**
 * A small OpenAI-compatible server for tests: POST /v1/chat/completions and
 * GET /v1/models on 127.0.0.1 (port 0). It records every request and answers
 * from a per-test script first, then from a responder. The default
 * responder derives its answer from the request itself (the criteria named
 * in the schema, the frame numbers allowed, the number of images), so a
 * test can predict the scores without the server hard-coding a pass.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
  /** ms since the server started. */
  at: number;
}

export type FakeReply =
  /** A schema-valid answer derived from the request; `scores` overrides the derived scores (one number for every criterion, or per key). */
  | { type: 'answer'; scores?: number | Record<string, number>; fenced?: boolean; finishReason?: string; truncate?: boolean; delayMs?: number }
  /** Exactly this message content. */
  | { type: 'content'; content: string | null; finishReason?: string }
  | { type: 'refusal'; refusal: string }
  /** A raw HTTP answer, e.g. 429 with retry-after or a 500. */
  | { type: 'http'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Answer only after `ms` (to make the client time out), then as `then`. */
  | { type: 'hang'; ms: number; then?: FakeReply };

export type Responder = (request: RecordedRequest, callNumber: number) => FakeReply;

export interface FakeServerOptions {
  /** Answers what the script does not cover. @default a derived answer */
  responder?: Responder;
  /** Behave like Anthropic's compat layer: ignore response_format, answer JSON as fenced text. */
  ignoreResponseFormat?: boolean;
  /** Ids GET /v1/models lists. @default ['fake-vision-1'] */
  models?: string[];
  /** Replies to the first GET /v1/models requests (`http` or `hang`), before it lists `models`. */
  modelsReplies?: FakeReply[];
  /** Error bodies echo the bearer token they received, as careless servers do (to test redaction). */
  echoToken?: boolean;
  /** Behave like a reasoning model (OpenAI's GPT-5 family): see ReasoningBehaviour. */
  reasoning?: ReasoningBehaviour;
  /** Behave like an older model that knows no reasoning_effort: a 400 naming it, as OpenAI answers for gpt-4.1. */
  rejectReasoningEffort?: boolean;
}

export interface ReasoningBehaviour {
  /** A 400 for any temperature but the default 1, worded as OpenAI words it. */
  rejectTemperature?: boolean;
  /** A 400 for max_tokens ("use max_completion_tokens instead"), as OpenAI's newer models answer. */
  rejectMaxTokens?: boolean;
  /**
   * Hidden tokens spent before answering at reasoning_effort "low" (minimal ÷4, medium ×2, high ×4; none sent
   * counts as medium). They come out of the same budget as the answer: when the two do not fit, the answer is
   * empty content with finish_reason "length", the whole budget reported as reasoning.
   */
  reasoningTokens?: number;
  /** The reasoning_effort values taken; any other gets a 400 that lists these, as OpenAI's does. @default all */
  efforts?: string[];
}

const EFFORT_FACTOR: Record<string, number> = { none: 0, minimal: 0.25, low: 1, medium: 2, high: 4, xhigh: 8 };

/** The hidden tokens the fake reasoning model spends on a request. */
export function fakeReasoningTokens(body: any, behaviour: ReasoningBehaviour): number {
  return Math.round((behaviour.reasoningTokens ?? 0) * (EFFORT_FACTOR[body?.reasoning_effort ?? 'medium'] ?? 2));
}

/** A 400 in OpenAI's shape for a request this model would refuse, else undefined. */
function rejection(body: any, options: FakeServerOptions): { message: string; param: string; code: string } | undefined {
  const r = options.reasoning;
  if (r?.rejectTemperature && body?.temperature !== undefined && body.temperature !== 1) {
    return { message: `Unsupported value: 'temperature' does not support ${body.temperature} with this model. Only the default (1) value is supported.`, param: 'temperature', code: 'unsupported_value' };
  }
  if (r?.rejectMaxTokens && body?.max_tokens !== undefined) {
    return { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", param: 'max_tokens', code: 'unsupported_parameter' };
  }
  if (r?.efforts && body?.reasoning_effort !== undefined && !r.efforts.includes(body.reasoning_effort)) {
    const values = r.efforts.map((v) => `'${v}'`);
    return {
      message: `Unsupported value: 'reasoning_effort' does not support '${body.reasoning_effort}' with this model. Supported values are: ${values.slice(0, -1).join(', ')}, and ${values.at(-1)}.`,
      param: 'reasoning_effort',
      code: 'unsupported_value',
    };
  }
  if (options.rejectReasoningEffort && body?.reasoning_effort !== undefined) {
    return { message: "Unsupported parameter: 'reasoning_effort' is not supported with this model.", param: 'reasoning_effort', code: 'unsupported_parameter' };
  }
  return undefined;
}

export interface FakeServer {
  /** Base URL including /v1, ready for the openai client. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Only the POST /v1/chat/completions requests. */
  chatRequests(): RecordedRequest[];
  /** Queue replies for the next chat requests, in arrival order. */
  script(...replies: FakeReply[]): void;
  /** Most chat requests in flight at once so far. */
  maxInFlight(): number;
  close(): Promise<void>;
}

/** The score the default responder gives: depends on how many images were sent and the criterion's position in the schema. */
export function derivedScore(imageCount: number, criterionIndex: number): number {
  return 1 + ((imageCount + criterionIndex) % 10);
}

export function imageParts(body: any): Array<{ url: string; detail?: string }> {
  const parts = (body?.messages ?? []).flatMap((m: { content: unknown }) => (Array.isArray(m.content) ? m.content : []));
  return parts.filter((p: { type: string }) => p.type === 'image_url').map((p: { image_url: { url: string; detail?: string } }) => p.image_url);
}

export function userText(body: any): string {
  const parts = (body?.messages ?? []).flatMap((m: { content: unknown }) =>
    typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : Array.isArray(m.content) ? m.content : [],
  );
  return parts.filter((p: { type: string }) => p.type === 'text').map((p: { text: string }) => p.text).join('\n');
}

/** The JSON schema the client asked for: from response_format, else from a ```json block in the prompt. */
export function requestedSchema(body: any, ignoreResponseFormat = false): any {
  const fromFormat = body?.response_format?.json_schema?.schema;
  if (fromFormat && !ignoreResponseFormat) return fromFormat;
  const m = /```json\s*\n([\s\S]*?)\n```/.exec(userText(body));
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]!);
  } catch {
    return undefined;
  }
}

/** An answer object that fits the requested schema, with scores from derivedScore unless overridden. */
export function deriveAnswer(body: any, scores?: number | Record<string, number>, ignoreResponseFormat = false): Record<string, unknown> {
  const schema = requestedSchema(body, ignoreResponseFormat);
  const criteriaProps = schema?.properties?.criteria?.properties ?? {};
  const keys = Object.keys(criteriaProps);
  const images = imageParts(body).length;
  const frames: number[] = keys.length ? (criteriaProps[keys[0]!]?.properties?.findings?.items?.properties?.frame?.enum ?? [1]) : [1];
  const criteria = Object.fromEntries(
    keys.map((key, i) => {
      const score = typeof scores === 'number' ? scores : scores?.[key] ?? derivedScore(images, i);
      const frame = frames[i % frames.length]!;
      return [
        key,
        {
          reasoning: `Looked at ${images} image(s) for ${key}.`,
          score,
          findings: [{ frame, observation: `${key} observation about frame ${frame}.` }],
          recommendations: [`Improve ${key}.`],
        },
      ];
    }),
  );
  return { criteria, summary: `Judged ${keys.length} criteria from ${images} image(s).` };
}

export async function startFakeOpenAIServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  const sockets = new Set<Socket>();
  const started = Date.now();
  let inFlight = 0;
  let maxInFlight = 0;
  let chatCount = 0;
  const responder: Responder = options.responder ?? (() => ({ type: 'answer' }));

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const record: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, at: Date.now() - started };
      requests.push(record);
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        if (res.destroyed || res.writableEnded) return;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (req.method === 'GET' && req.url === '/v1/models') {
        const scripted = options.modelsReplies?.shift();
        if (scripted?.type === 'http') return send(scripted.status, scripted.body ?? { error: { message: `fake error ${scripted.status}`, type: 'server_error' } }, scripted.headers);
        if (scripted?.type === 'hang') {
          const timer = setTimeout(() => send(500, { error: { message: 'too late' } }), scripted.ms);
          res.on('close', () => clearTimeout(timer));
          return;
        }
        send(200, { object: 'list', data: (options.models ?? ['fake-vision-1']).map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })) });
        return;
      }
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        send(404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
        return;
      }
      chatCount++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let finished = false;
      const finish = () => {
        if (!finished) inFlight--;
        finished = true;
      };
      res.on('close', finish);
      const refused = rejection(record.body, options);
      if (refused) {
        send(400, { error: { message: refused.message, type: 'invalid_request_error', param: refused.param, code: refused.code } });
        return;
      }
      const reply = queue.shift() ?? responder(record, chatCount);
      const token = String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      answer(reply);

      function answer(r: FakeReply): void {
        switch (r.type) {
          case 'hang': {
            const timer = setTimeout(() => answer(r.then ?? { type: 'answer' }), r.ms);
            res.on('close', () => clearTimeout(timer));
            return;
          }
          case 'http': {
            const payload = r.body ?? { error: { message: `fake error ${r.status}${options.echoToken ? ` for key ${token}` : ''}`, type: 'server_error' } };
            send(r.status, payload, r.headers);
            return;
          }
          case 'refusal':
            send(200, completion(record.body, null, 'stop', r.refusal, options.reasoning));
            return;
          case 'content':
            send(200, completion(record.body, r.content, r.finishReason ?? 'stop', null, options.reasoning));
            return;
          case 'answer': {
            const json = JSON.stringify(deriveAnswer(record.body, r.scores, options.ignoreResponseFormat));
            let content = options.ignoreResponseFormat || r.fenced ? `Here is my evaluation.\n\n\`\`\`json\n${JSON.stringify(JSON.parse(json), null, 2)}\n\`\`\`\n` : json;
            if (r.truncate) content = content.slice(0, Math.floor(content.length / 2));
            const go = () => send(200, completion(record.body, content, r.finishReason ?? (r.truncate ? 'length' : 'stop'), null, options.reasoning));
            if (r.delayMs) setTimeout(go, r.delayMs);
            else go();
            return;
          }
        }
      }
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions'),
    script: (...replies) => queue.push(...replies),
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function completion(body: any, content: string | null, finishReason: string, refusal: string | null = null, reasoning?: ReasoningBehaviour) {
  const { prompt: promptTokens, completion: answerTokens } = fakeUsage(body, content ?? refusal ?? '');
  let completionTokens = answerTokens;
  let details: { reasoning_tokens: number } | undefined;
  if (reasoning) {
    const thinking = fakeReasoningTokens(body, reasoning);
    const budget = body?.max_completion_tokens ?? body?.max_tokens ?? Infinity;
    if (thinking + answerTokens > budget) {
      // The budget ran out while thinking: nothing left for the answer.
      content = '';
      refusal = null;
      finishReason = 'length';
      completionTokens = budget;
      details = { reasoning_tokens: budget };
    } else {
      completionTokens = answerTokens + thinking;
      details = { reasoning_tokens: thinking };
    }
  }
  return {
    id: `chatcmpl-fake-${Math.random().toString(36).slice(2, 10)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body?.model ?? 'unknown',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal }, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens, ...(details ? { completion_tokens_details: details } : {}) },
  };
}

/** Token counts the server reports for a request and answer text (mirrors completion()). */
export function fakeUsage(body: any, content: string): { prompt: number; completion: number } {
  return { prompt: 85 * imageParts(body).length + Math.ceil(userText(body).length / 4), completion: Math.ceil(content.length / 4) };
}
