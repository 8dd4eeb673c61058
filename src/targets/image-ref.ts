import { GitcanaryError } from '../errors.js';

// Container image references (`registry[:port]/path:tag@digest`) and the argument forms of
// `kustomize edit set image`, parsed the way kustomize parses them (kustomize/commands/edit/set/
// setimage.go), then validated against the distribution reference grammar so a typo fails here
// instead of in the cluster.

/** A parsed image reference: `name[:tag][@digest]`. */
export interface ImageRef {
  /** Repository with optional registry and port, e.g. `localhost:5000/app`. */
  name: string;
  tag?: string | undefined;
  digest?: string | undefined;
}

/** One kustomization `images:` entry, with kustomize's field names. */
export interface KustomizeImage {
  /** The image name kustomize matches in the resources. */
  name: string;
  newName?: string | undefined;
  newTag?: string | undefined;
  digest?: string | undefined;
}

/** `*` in a `set image` argument keeps the entry's current newName, newTag or digest. */
export const PRESERVE = '*';

// distribution/reference grammar: lowercase path components, optional `host[:port]` first.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const NAME = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
// kustomize's own split: the last `:` starts a tag when what follows has no `/` (so ports stay).
const KUSTOMIZE_TAG = /^(.*):([a-zA-Z0-9._-]*|\*)$/;

/** Parse a full image reference such as `ghcr.io/stefanprodan/podinfo:6.0.0@sha256:…`. */
export function parseImageRef(ref: string): ImageRef {
  const parts = ref.split('@');
  if (parts.length > 2) throw invalid(ref, 'more than one `@`');
  const [named = '', digest] = parts;
  const tagged = named.match(KUSTOMIZE_TAG);
  const image: ImageRef = tagged ? { name: tagged[1]!, tag: tagged[2]! } : { name: named };
  if (digest !== undefined) image.digest = digest;
  validateName(image.name, ref);
  if (image.tag !== undefined) validateTag(image.tag, ref);
  if (image.digest !== undefined) validateDigest(image.digest, ref);
  return image;
}

/** Whether `name` is an image repository name (registry and path, no tag or digest). */
export function isImageName(name: string): boolean {
  return NAME.test(name);
}

/** `name[:tag][@digest]`. */
export function formatImageRef(ref: ImageRef): string {
  return `${ref.name}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/**
 * Parse one `kustomize edit set image` argument: `name=newName[:newTag][@digest]`, `name=newName`,
 * `name:newTag`, `name@digest` or `name:newTag@digest`. `*` stands for "keep the current value".
 */
export function parseSetImageArg(arg: string): KustomizeImage {
  const sides = arg.split('=');
  if (sides.length > 2) throw invalid(arg, 'more than one `=`');
  if (sides.length === 2) {
    const [name = '', replacement = ''] = sides;
    if (replacement === '') throw invalid(arg, 'nothing after `=`');
    const { name: newName, tag, digest } = splitOverwrite(replacement, arg);
    validateName(name, arg);
    if (newName !== PRESERVE) validateName(newName, arg);
    return withFields(name, newName, tag, digest, arg);
  }
  const { name, tag, digest } = splitOverwrite(arg, arg);
  if (tag === undefined && digest === undefined) {
    throw invalid(arg, 'give a new name (`name=newName`), a tag (`name:tag`) or a digest (`name@digest`)');
  }
  validateName(name, arg);
  return withFields(name, undefined, tag, digest, arg);
}

/**
 * The entry kustomize writes for `change` over the current entry: the argument replaces the whole
 * entry (a new tag drops an old digest and newName), except fields given as `*`, which keep the
 * current value (and are left out when there is none).
 */
export function mergeSetImage(current: KustomizeImage | undefined, change: KustomizeImage): KustomizeImage {
  const keep = (value: string | undefined, old: string | undefined): string | undefined =>
    value === PRESERVE ? old || undefined : value;
  return compact({
    name: change.name,
    newName: keep(change.newName, current?.newName),
    newTag: keep(change.newTag, current?.newTag),
    digest: keep(change.digest, current?.digest),
  });
}

/** The entry that makes kustomize render `image` for every container image named `name`. */
export function imageOverride(name: string, image: ImageRef): KustomizeImage {
  return compact({
    name,
    // Minimal entries: no `newName` when the repository stays the same.
    newName: image.name === name ? undefined : image.name,
    newTag: image.tag,
    digest: image.digest,
  });
}

/** The image kustomize renders for an entry (`newName` or `name`, then `newTag`, then `digest`). */
export function renderedImage(entry: KustomizeImage): ImageRef {
  return compact({ name: entry.newName || entry.name, tag: entry.newTag, digest: entry.digest });
}

function splitOverwrite(text: string, arg: string): { name: string; tag?: string; digest?: string } {
  const parts = text.split('@');
  if (parts.length > 2) throw invalid(arg, 'more than one `@`');
  const [named = '', digest] = parts;
  const tagged = named.match(KUSTOMIZE_TAG);
  const out: { name: string; tag?: string; digest?: string } = tagged
    ? { name: tagged[1]!, tag: tagged[2]! }
    : { name: named };
  if (digest !== undefined) out.digest = digest;
  return out;
}

function withFields(
  name: string,
  newName: string | undefined,
  tag: string | undefined,
  digest: string | undefined,
  arg: string,
): KustomizeImage {
  if (tag !== undefined && tag !== PRESERVE) validateTag(tag, arg);
  if (digest !== undefined && digest !== PRESERVE) validateDigest(digest, arg);
  return compact({ name, newName, newTag: tag, digest });
}

function validateName(name: string, arg: string): void {
  if (name === '') throw invalid(arg, 'the image name is empty');
  if (!NAME.test(name)) {
    throw invalid(
      arg,
      `\`${name}\` is not a valid image name (lowercase repository path, optional registry:port/)`,
    );
  }
}

function validateTag(tag: string, arg: string): void {
  // kustomize accepts `name:` and writes an entry that changes nothing; refuse it instead.
  if (!TAG.test(tag)) {
    throw invalid(
      arg,
      `\`${tag}\` is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)`,
    );
  }
}

function validateDigest(digest: string, arg: string): void {
  if (!DIGEST.test(digest))
    throw invalid(arg, `\`${digest}\` is not a digest (algorithm:hex, e.g. sha256:…)`);
  const [algorithm = '', hex = ''] = digest.split(':');
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length !== undefined && !new RegExp(`^[a-f0-9]{${length}}$`).test(hex)) {
    throw invalid(arg, `a ${algorithm} digest is ${length} lowercase hex characters`);
  }
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

function invalid(arg: string, why: string): GitcanaryError {
  return new GitcanaryError('IMAGE_REF_INVALID', `invalid image reference \`${arg}\`: ${why}`, {
    hint: 'use name=newName:newTag@digest, name=newName, name:newTag or name@digest',
  });
}
