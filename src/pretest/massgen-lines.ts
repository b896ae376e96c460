/**
 * The lines of the multi-agent CLI's output that say something went wrong:
 * its loguru ERROR lines on stderr (a backend rejecting its API key, a
 * connection failing) and its `❌ …` messages on stdout before a non-zero
 * exit. Quoted without colour codes.
 */
import { stripAnsi } from './automation.js';
import { oneLine } from './reasons.js';

/**
 * loguru's console format in normal mode, "HH:MM:SS | LEVEL    | message"
 * (massgen/logger_config.py:318), and in --debug mode,
 * "HH:MM:SS.mmm | LEVEL    | name:function:line - message".
 */
const LOGURU = /^\s*\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\s*\|\s*([A-Z]+)\s*\|\s*(.*)$/;

/**
 * What an agent's backend failing looks like in an ERROR line: the backends
 * log `Streaming error: <the API client's exception>`
 * (massgen/backend/base_with_custom_tool_and_mcp.py:1514), e.g.
 * "Error code: 401 - … invalid_api_key", a quota or rate limit, a connection
 * that cannot be made.
 */
const BACKEND_TROUBLE =
  /streaming error|error in stream|api[ _-]?key|authenticat|unauthori[sz]ed|permission denied|forbidden|quota|rate[ _-]?limit|billing|credit balance|connection|connect(?:ion)?[ _-]?(?:error|refused|reset|timed? ?out)|ECONN[A-Z]+|ENOTFOUND|getaddrinfo|name resolution|(?:error|status)[ _]code:? ?(?:401|402|403|404|429|5\d\d)|overloaded|service unavailable/i;

export interface LogLine {
  level: string;
  message: string;
}

/** A loguru console line's level and message, or undefined for any other line. */
export function loguruLine(line: string): LogLine | undefined {
  const m = LOGURU.exec(stripAnsi(line));
  return m ? { level: m[1]!, message: m[2]!.trim() } : undefined;
}

/** The line, colour stripped, when it is an ERROR (or CRITICAL) log line about an agent's backend. */
export function backendErrorLine(line: string): string | undefined {
  const log = loguruLine(line);
  if (!log || (log.level !== 'ERROR' && log.level !== 'CRITICAL')) return undefined;
  return BACKEND_TROUBLE.test(log.message) ? oneLine(stripAnsi(line), 300) : undefined;
}

/** The `❌ Configuration error: …`, `❌ Error: …`, `❌ Timeout error: …` lines of massgen/cli.py:3183-3194. */
export function crossLine(line: string): string | undefined {
  const plain = stripAnsi(line).trim();
  return plain.startsWith('❌') ? oneLine(plain, 300) : undefined;
}

/** The agent ids a line names, from those status.json lists. */
export function agentsNamed(line: string, agents: readonly string[]): string[] {
  return agents.filter((id) => new RegExp(`(^|[^\\w])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w]|$)`).test(line));
}
