/**
 * What the agents say. The default question gets answers on its topic; any
 * other question gets sensible topic-free reasoning, so the display always
 * reads like a real run.
 */

export const DEFAULT_QUESTION = 'What are the trade-offs between SQLite and PostgreSQL for a small web app?';

export interface TextPool {
  headings: readonly string[];
  sentences: readonly string[];
  bullets: readonly string[];
  conclusions: readonly string[];
  reasons: readonly string[];
  /** A long link an agent cites; long enough to need breaking inside a column. */
  link: string;
}

const TOPICAL: TextPool = {
  headings: ['## Start from the workload', '## Operational view', '## Growth path', '## Short answer'],
  sentences: [
    'SQLite runs inside the app process, so there is no server to install, patch or monitor.',
    'PostgreSQL is a separate server: more moving parts, but real concurrency and roles.',
    'SQLite serializes writes; WAL mode lets readers continue while one writer works.',
    'For a small app with a few writes per second, that single writer is rarely the bottleneck.',
    'Backups are a file copy with SQLite (the online backup API or Litestream); Postgres needs pg_dump or WAL archiving.',
    'Postgres brings rich types (JSONB, arrays, ranges), full-text search and extensions such as PostGIS.',
    'Several app servers sharing one database rules SQLite out unless a replication layer is added.',
    'Managed Postgres costs money every month; SQLite costs nothing beyond its disk.',
    'Latency favours SQLite: a query is a function call, not a network round trip.',
    'Schema changes are safer in Postgres, which runs DDL inside transactions.',
    "SQLite's typing is loose; STRICT tables catch bad data early.",
    'Testing on SQLite and deploying on Postgres hides bugs; test on the production engine.',
    'Postgres handles many concurrent writers with row-level locks and MVCC.',
    'If data must survive the loss of the host, Postgres replication is the well-trodden path.',
    'Moving from SQLite to Postgres later is a known migration, especially behind an ORM.',
  ],
  bullets: [
    '- SQLite: one server, modest writes, small team.',
    '- Postgres: several app servers, heavy writes, strict roles.',
    '- Keep SQL portable and test on the production engine.',
    '- Measure a day of real traffic before deciding.',
    '- Plan backups first; restore drills matter more than the engine.',
  ],
  conclusions: [
    'Recommendation: start with SQLite in WAL mode and move to Postgres when a second server arrives.',
    'Recommendation: use Postgres from day one if the team already runs it; the extra ops cost is small.',
    'Bottom line: SQLite for simplicity, Postgres for concurrency and growth.',
  ],
  reasons: [
    'Most complete: covers concurrency, backups and the migration path.',
    'Clear recommendation with a concrete trigger for switching.',
    'Best balance of operating cost and growth; easy to act on.',
    'Accurate on WAL mode and write locking; the others overstate the limits.',
  ],
  link: 'https://www.sqlite.org/whentouse.html#situations_where_a_client_server_rdbms_may_work_better',
};

const GENERIC: TextPool = {
  headings: ['## Framing the question', '## Key considerations', '## Weighing the options', '## Short answer'],
  sentences: [
    'First, pin down what a good answer must achieve and for whom.',
    'The main tension is between doing it simply now and keeping room to grow later.',
    'Cost matters, but so does the time people spend operating whatever is chosen.',
    'Evidence beats intuition here: look at how similar cases turned out.',
    'The risks are uneven: some mistakes are cheap to undo, others are not.',
    'A small experiment would settle most of the open points within a week.',
    'Dependencies on other teams often decide the schedule more than the work itself.',
    'It helps to separate what must be true on day one from what can wait.',
    'Most of the benefit comes from the first few steps; the rest is refinement.',
    'Whatever is chosen, write down why, so the decision can be revisited with facts.',
    'Edge cases deserve a note, but they should not drive the main decision.',
    'The simplest option that meets the constraints is usually the right first step.',
  ],
  bullets: [
    '- Option A: simpler, cheaper, enough for the near term.',
    '- Option B: more capable, more to operate, better for growth.',
    '- Check the answer against the constraints before committing.',
    '- Revisit the choice when the numbers change.',
  ],
  conclusions: [
    'Recommendation: take the simple path now and set a clear trigger for revisiting it.',
    'Bottom line: decide on the constraints first; the options then rank themselves.',
  ],
  reasons: [
    'Most complete and clearly structured.',
    'Gives a concrete recommendation with a trigger to revisit.',
    'Best weighs cost against risk; easy to act on.',
    'Accurate and concise; no unsupported claims.',
  ],
  link: 'https://example.org/decision-records/2024/choosing-between-the-simple-and-the-scalable-option',
};

export function textPool(question: string): TextPool {
  return question.trim() === DEFAULT_QUESTION ? TOPICAL : GENERIC;
}

/** Backends an agent can be given: [backend, model]. */
export const BACKENDS: ReadonlyArray<readonly [string, string]> = [
  ['openai', 'gpt-5-mini'],
  ['claude', 'sonnet-4.5'],
  ['gemini', '2.5-flash'],
  ['grok', 'grok-4-fast'],
  ['ollama', 'qwen3:8b'],
];

/** Errors an agent can fail with under --fault agent-error: [type, message]. */
export const AGENT_ERRORS: ReadonlyArray<readonly [string, string]> = [
  ['rate_limit', 'Rate limit exceeded (HTTP 429) from backend; giving up after 3 retries'],
  ['api_error', 'Backend returned HTTP 503 Service Unavailable'],
  ['connection', 'Connection reset by peer while streaming (ECONNRESET)'],
];
