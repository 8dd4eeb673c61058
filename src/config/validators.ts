import { z } from 'zod';

// Field validators shared by the release schema and the targets' config schemas. Each says what
// the system that receives the value accepts (Kubernetes names, git refs, HTTP headers), so a bad
// value is refused when the config loads, with its place, and never reaches a manifest, a shell,
// a git argument or a request. Names also keep `$(…)`, quotes and spaces out of everything a
// command gate template can print.

/** Newlines and other control characters (C0, DEL, C1). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Kubernetes' `IsDNS1123Label`: a namespace, a label-like name; at most 63 characters. */
export const dns1123Label = z
  .string()
  .max(63, 'at most 63 characters (DNS-1123 label)')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'lowercase letters, digits and "-", starting and ending with a letter or digit (DNS-1123 label)',
  );

/**
 * Kubernetes' `IsDNS1035Label`: what a Service name must be (apimachinery's `NameIsDNS1035Label`,
 * used by `ValidateServiceName`), a DNS-1123 label that starts with a letter.
 */
export const dns1035Label = z
  .string()
  .max(63, 'at most 63 characters (DNS-1035 label)')
  .regex(
    /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    'lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (a Service name, DNS-1035 label)',
  );

/** Kubernetes' `IsDNS1123Subdomain`: most object names (`metadata.name`); at most 253 characters. */
export const dns1123Subdomain = z
  .string()
  .max(253, 'at most 253 characters (DNS-1123 subdomain)')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'lowercase letters, digits, "-" and ".", starting and ending with a letter or digit (DNS-1123 subdomain)',
  );

/**
 * A name inside a resource (an ApisixRoute rule, a container): the name part of Kubernetes'
 * qualified names. Letters, digits, `-`, `_` and `.`, nothing a shell or a query would read.
 */
export const resourcePartName = z
  .string()
  .max(253)
  .regex(
    /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/,
    'letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
  );

/** One line of text: no newline, no control character. */
export const singleLine = z.string().refine((value) => !CONTROL.test(value), {
  message: 'must be one line without control characters',
});

/**
 * A branch name git accepts (`git check-ref-format --branch`), and never one git would read as an
 * option: no leading `-`, no `..`, `@{`, `//`, control characters, spaces or `~^:?*[\`, no
 * component starting with `.` or ending with `.lock`, not `@`, not ending with `/` or `.`.
 */
export const gitBranchName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => branchNameProblem(name) === undefined, {
    error: (issue) => `not a git branch name: ${branchNameProblem(String(issue.input))}`,
  });

function branchNameProblem(name: string): string | undefined {
  if (name.startsWith('-')) return 'it starts with "-" (git would read it as an option)';
  if (CONTROL.test(name) || /[ ~^:?*[\\]/.test(name))
    return 'it holds a space, a control character or one of ~^:?*[\\';
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return 'it holds "..", "@{" or "//"';
  if (name === '@' || name.endsWith('/') || name.endsWith('.') || name.startsWith('/'))
    return 'it is "@", or starts or ends with "/", or ends with "."';
  if (name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock')))
    return 'a component starts with "." or ends with ".lock"';
  return undefined;
}

const URL_SCHEMES = new Set(['https:', 'http:', 'ssh:', 'git:', 'file:']);

/**
 * A repository git may fetch without running anything: an https/http/ssh/git/file URL, an
 * scp-like `user@host:path`, or a local path. Never a leading `-` (`--upload-pack=…`), a control
 * character, or a `transport::address` form (`ext::sh -c …` runs a command).
 */
export const gitRepository = z
  .string()
  .min(1)
  .refine((repo) => repositoryProblem(repo) === undefined, {
    error: (issue) => `not a repository gitcanary can use: ${repositoryProblem(String(issue.input))}`,
  });

function repositoryProblem(repo: string): string | undefined {
  if (repo.startsWith('-')) return 'it starts with "-" (git would read it as an option)';
  if (CONTROL.test(repo)) return 'it holds a newline or control character';
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(repo)) return 'remote-helper forms (`ext::`, `fd::`) are not allowed';
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(repo)?.[1];
  if (scheme !== undefined && !URL_SCHEMES.has(`${scheme.toLowerCase()}:`))
    return `the ${scheme}:// scheme is not allowed (https, http, ssh, git, file)`;
  if (scheme !== undefined) {
    try {
      new URL(repo);
    } catch {
      return 'it is not a valid URL';
    }
  }
  return undefined;
}

/** An environment variable name as POSIX shells accept it. */
export const envVarName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'an environment variable name: letters, digits and "_", not starting with a digit',
  );

/** An HTTP header name: an RFC 9110 token. */
export const httpHeaderName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "an HTTP header name (letters, digits and !#$%&'*+.^_`|~-)");

/** An HTTP header value: visible characters, spaces and tabs; no CR, LF or NUL (header injection). */
export const httpHeaderValue = z
  .string()
  .refine((value) => !/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value), {
    message: 'an HTTP header value cannot hold a newline or control character',
  });

/** An http(s) URL; nothing `fetch` would read from the disk or a data: URL. */
export const httpUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' });

/**
 * A regular expression that compiles. Routers evaluate header regexes with their own engines
 * (APISIX: PCRE through lua-resty-core; Envoy, Istio: RE2); JavaScript's syntax is close enough to
 * catch what none of them accepts (unbalanced groups, a dangling quantifier, a bad range).
 */
export const regexPattern = z.string().refine((source) => regexProblem(source) === undefined, {
  error: (issue) => `not a valid regular expression: ${regexProblem(String(issue.input))}`,
});

function regexProblem(source: string): string | undefined {
  if (CONTROL.test(source)) return 'it holds a newline or control character';
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
