/**
 * Keeping the API key out of everything termlens writes: judgments.json,
 * cache files, error messages and logs all pass through here. A leaf, so the
 * pre-test (which prints the program's output) and the judge share it.
 */

/** Sent when a server needs no key (the SDK insists on some value); not a secret, so never masked. */
export const NO_KEY = 'not-needed';

const MASK = '[redacted]';

/** Names of variables whose values are secrets: their values never reach an artifact, a log or a message. */
export const SECRET_NAME = /key|token|secret|passw|credential|auth/i;

/** The values of the secret-named variables of an environment. */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .flatMap(([k, v]) => (SECRET_NAME.test(k) && typeof v === 'string' ? [v] : []));
}

/**
 * Whether a value read from a file looks like a credential itself (an API
 * key, a token, a line of a key file): a long run of letters, digits and
 * -_/+= mixing letters and digits. Such values are never quoted back.
 */
export function looksSecret(value: string): boolean {
  return /[A-Za-z0-9_\-/+=]{20,}/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value);
}

/** A value read from a user's file, fit to quote in a message: secrets masked, at most `max` characters. */
export function safeQuote(value: string, env: NodeJS.ProcessEnv = process.env, max = 60): string {
  if (looksSecret(value)) return `${MASK} (${value.length} characters that look like a secret)`;
  const masked = redactSecrets(value, secretValues(env));
  return JSON.stringify(masked.length > max ? `${masked.slice(0, max)}…` : masked);
}

/** Replace every occurrence of each secret. Short or placeholder values are left alone: they are not secrets and masking them would garble text. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 6 || secret === NO_KEY) continue;
    out = out.split(secret).join(MASK);
  }
  return out;
}

/** A base URL fit to be written down: no user name, password or key-like query values. */
export function sanitizeURL(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
  u.username = '';
  u.password = '';
  for (const name of [...u.searchParams.keys()]) {
    if (/key|token|secret|auth|sig/i.test(name)) u.searchParams.set(name, MASK);
  }
  return u.toString();
}
