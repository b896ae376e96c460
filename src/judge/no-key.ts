/** Sent when a server needs no key (the SDK insists on some value); not a secret, so never masked. */
export const NO_KEY = 'not-needed';
