import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);

// src/shared/secrets.ts
var secrets = /* @__PURE__ */ new Set();
var listeners = [];
function registerSecret(value) {
  if (value === void 0 || value.length < 4) return;
  for (const form of [value, encodeURIComponent(value), Buffer.from(value).toString("base64")]) {
    if (secrets.has(form)) continue;
    secrets.add(form);
    for (const listener of listeners) listener(form);
  }
}
function maskSecrets(text) {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join("[secure]");
  }
  return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^/\s:@]+):([^/\s@]+)@/gi, "$1$2:[secure]@").replace(/(\bhttps?:\/\/)([^/\s:@[\]]+)@/gi, "$1[secure]@");
}
function registerUrlCredentials(remote) {
  if (!/^https?:\/\//i.test(remote)) return;
  let url;
  try {
    url = new URL(remote);
  } catch {
    return;
  }
  const secret = url.password !== "" ? url.password : url.username;
  if (secret === "") return;
  registerSecret(secret);
  registerSecret(safeDecode(secret));
}
function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
function secretFromEnv(name) {
  const value = process.env[name];
  registerSecret(value);
  return value;
}

export {
  registerSecret,
  maskSecrets,
  registerUrlCredentials,
  secretFromEnv
};
