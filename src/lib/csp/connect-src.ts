/**
 * Whether a Content-Security-Policy lets the page connect to a URL, so the page can say why a
 * request to another API base URL would be refused instead of reporting a bare network error.
 * Covers the source expressions a `connect-src` list holds: `'self'`, `'none'`, `*`, schemes
 * (`https:`), and hosts with an optional scheme, `*.` subdomain wildcard, port or `:*`, path.
 */

/** The sources a policy allows for `connect-src` (falling back to `default-src`), or undefined when unrestricted. */
export function connectSources(policy: string): string[] | undefined {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives.get('connect-src') ?? directives.get('default-src');
}

const defaultPorts: Record<string, string> = {
  'http:': '80',
  'https:': '443',
  'ws:': '80',
  'wss:': '443',
};

/** True when `policy` lets a page at `pageOrigin` fetch `url`. */
export function allowsConnect(policy: string, pageOrigin: string, url: string): boolean {
  const sources = connectSources(policy);
  if (!sources) return true;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  return sources.some((source) => matches(source, pageOrigin, target));
}

function matches(source: string, pageOrigin: string, target: URL): boolean {
  const s = source.toLowerCase();
  if (s === "'none'") return false;
  if (s === "'self'") return pageOrigin !== 'null' && target.origin === pageOrigin;
  if (s === '*') return ['http:', 'https:', 'ws:', 'wss:'].includes(target.protocol);
  if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return target.protocol === s;
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+)(?::(\d+|\*))?(\/.*)?$/.exec(s);
  if (!m) return false;
  const [, scheme, wildcard, host, port, path] = m;
  // A scheme also allows its secure upgrade (http → https), as browsers do.
  const upgraded = scheme === 'http' && target.protocol === 'https:';
  if (scheme && `${scheme}:` !== target.protocol && !upgraded) return false;
  // A host without a scheme allows the page's scheme, or https from http.
  if (!scheme && !['http:', 'https:'].includes(target.protocol)) return false;
  const hostname = target.hostname.toLowerCase();
  if (wildcard ? !hostname.endsWith(`.${host}`) : hostname !== host) return false;
  const targetPort = target.port || defaultPorts[target.protocol] || '';
  if (port !== '*' && (port ?? defaultPorts[target.protocol]) !== targetPort) {
    return false;
  }
  if (path && path !== '/') {
    return path.endsWith('/') ? target.pathname.startsWith(path) : target.pathname === path;
  }
  return true;
}
