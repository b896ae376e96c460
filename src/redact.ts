/**
 * Keeping the API key out of everything termlens writes: judgments.json,
 * cache files, error messages and logs all pass through here. A leaf, so the
 * pre-test (which prints the program's output) and the judge share it.
 */

/** Sent when a server needs no key (the SDK insists on some value); not a secret, so never masked. */
export const NO_KEY = 'not-needed';

const MASK = '[redacted]';

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
