// One place that hides secrets from everything gitcanary prints: logs, errors, JSON events,
// summaries. Tokens are registered when read from the environment; their URL-encoded and
// base64 forms are hidden too (a token can land in a remote URL or an Authorization header).

const secrets = new Set<string>();
const listeners: ((secret: string) => void)[] = [];

export function registerSecret(value: string | undefined): void {
  if (value === undefined || value.length < 4) return;
  for (const form of [value, encodeURIComponent(value), Buffer.from(value).toString('base64')]) {
    if (secrets.has(form)) continue;
    secrets.add(form);
    for (const listener of listeners) listener(form);
  }
}

/**
 * Tell `listener` every secret, those registered so far and those to come (the Action registers
 * each with the runner's log masking).
 */
export function onSecret(listener: (secret: string) => void): void {
  listeners.push(listener);
  for (const secret of secrets) listener(secret);
}

export function maskSecrets(text: string): string {
  let out = text;
  // Longest first so that a secret containing another is hidden whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('[secure]');
  }
  // Credentials in URLs (https://user:token@host) even when not registered; over http(s) a user
  // alone is a token too (https://<token>@github.com/…), while ssh://git@host keeps its user.
  return out
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^/\s:@]+):([^/\s@]+)@/gi, '$1$2:[secure]@')
    .replace(/(\bhttps?:\/\/)([^/\s:@[\]]+)@/gi, '$1[secure]@');
}

/** Register the credentials of an http(s) URL: the password, or a user given without one. */
export function registerUrlCredentials(remote: string): void {
  if (!/^https?:\/\//i.test(remote)) return;
  let url: URL;
  try {
    url = new URL(remote);
  } catch {
    return;
  }
  const secret = url.password !== '' ? url.password : url.username;
  if (secret === '') return;
  registerSecret(secret);
  registerSecret(safeDecode(secret));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Read a secret from the environment and register it for masking. */
export function secretFromEnv(name: string): string | undefined {
  const value = process.env[name];
  registerSecret(value);
  return value;
}
