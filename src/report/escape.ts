/**
 * Escaping for text that came from the terminal or the model, so it cannot
 * break the Markdown (a stray `|` splits a table cell, a backtick opens code,
 * `<script>` is HTML that some renderers pass through).
 */

// Interpolations never start a line (newlines are folded), so only inline specials need escaping;
// escaping more would make the raw Markdown, which agents read, harder to read.
const MD_SPECIAL = /[\\`*_[\]|<>~&]/g;
const MD_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** One line of Markdown-safe text: control characters made visible, newlines folded, specials escaped. */
export function escapeMarkdown(text: unknown): string {
  return String(text ?? '')
    .replace(/\x1b/g, '␛')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/\r?\n/g, ' ')
    .replace(MD_SPECIAL, (c) => MD_ENTITIES[c] ?? `\\${c}`);
}

/** A relative link target: each path segment percent-encoded, so `)` or spaces cannot end the link early. */
export function escapeLinkTarget(path: unknown): string {
  return String(path ?? '')
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}
