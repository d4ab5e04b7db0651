/**
 * What the page remembers. The API key lives in sessionStorage (gone when the tab closes)
 * unless the person ticks "Remember on this device", then in localStorage; it is stored
 * nowhere else. The base URL and the model are not secrets and are always remembered.
 * Storage can be unavailable (private modes, sandboxed frames): every call then degrades to
 * "nothing remembered" rather than throwing.
 */
import { NOT_SAVED, baseUrlProblem } from '../lib/gemini/base-url.ts';

const KEY = 'glimpse.apiKey';
const BASE_URL = 'glimpse.baseUrl';
const MODEL = 'glimpse.model';
const KEY_HOSTS = 'glimpse.keyHosts';
/** The models "Check key" listed for the stored key: kept beside the key, gone with it. */
const KEY_MODELS = 'glimpse.keyModels';

function store(kind: 'local' | 'session'): Storage | undefined {
  try {
    return kind === 'local' ? localStorage : sessionStorage;
  } catch {
    return undefined;
  }
}

function read(kind: 'local' | 'session', name: string): string | undefined {
  try {
    return store(kind)?.getItem(name) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(kind: 'local' | 'session', name: string, value: string | undefined): void {
  try {
    if (value === undefined || value === '') store(kind)?.removeItem(name);
    else store(kind)?.setItem(name, value);
  } catch {
    // Quota or disabled storage: the value simply is not remembered.
  }
}

/** The stored key and where it came from (`remembered` = localStorage). */
export interface StoredKey {
  key: string;
  remembered: boolean;
}

/** The key stored for this tab or this device, if any. */
export function loadKey(): StoredKey {
  const remembered = read('local', KEY);
  if (remembered) return { key: remembered, remembered: true };
  return { key: read('session', KEY) ?? '', remembered: false };
}

/**
 * Store the key: in localStorage when `remember`, else in sessionStorage; the other store is
 * cleared so the key never sits in both (unticking "Remember" really forgets it on disk).
 */
export function saveKey(key: string, remember: boolean): void {
  const before = loadKey().key;
  // A changed key has not been checked; an unchanged one takes its check to its new store.
  const models = key === before ? read(loadKey().remembered ? 'local' : 'session', KEY_MODELS) : '';
  write(remember ? 'local' : 'session', KEY, key);
  write(remember ? 'session' : 'local', KEY, undefined);
  write(remember ? 'local' : 'session', KEY_MODELS, key ? models : undefined);
  write(remember ? 'session' : 'local', KEY_MODELS, undefined);
}

/**
 * Remember that "Check key" worked for the stored key, and the models it listed, in the key's
 * own store: a reload in the same tab (or, remembered, a new one) keeps the key's settings
 * behind "Settings" instead of asking for the key again.
 */
export function saveKeyModels(models: readonly string[]): void {
  const { key, remembered } = loadKey();
  if (key) write(remembered ? 'local' : 'session', KEY_MODELS, JSON.stringify(models));
}

/** The models "Check key" listed for the stored key, if it was checked and worked. */
export function loadKeyModels(): string[] | undefined {
  const { key, remembered } = loadKey();
  if (!key) return undefined;
  try {
    const models: unknown = JSON.parse(read(remembered ? 'local' : 'session', KEY_MODELS) ?? '');
    return Array.isArray(models)
      ? models.filter((m): m is string => typeof m === 'string')
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wipe the key from every store, the hosts the person agreed to send it to, and any base URL
 * that is not a clean address (an older version stored one as typed, key included).
 */
export function forgetKey(): void {
  write('local', KEY, undefined);
  write('session', KEY, undefined);
  write('local', KEY_HOSTS, undefined);
  write('local', KEY_MODELS, undefined);
  write('session', KEY_MODELS, undefined);
  loadBaseUrl();
}

/** The remembered API base URL, if one was set (one that is not a clean address is dropped). */
export function loadBaseUrl(): string | undefined {
  const url = read('local', BASE_URL);
  if (url && baseUrlProblem(url)) {
    write('local', BASE_URL, undefined);
    return undefined;
  }
  return url;
}

/**
 * Remember the API base URL (empty forgets it). An address with a query, a fragment, user
 * info (a key, often), or otherwise unusable is never written: the reason is returned instead,
 * in words, and the address stored before stays.
 */
export function saveBaseUrl(url: string): string | undefined {
  const problem = url ? baseUrlProblem(url) : undefined;
  if (problem) return `${problem} ${NOT_SAVED}`;
  write('local', BASE_URL, url);
  return undefined;
}

/** Hosts (other than Google's) the person agreed to send the key to. */
export function loadKeyHosts(): string[] {
  try {
    const hosts: unknown = JSON.parse(read('local', KEY_HOSTS) ?? '[]');
    return Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string') : [];
  } catch {
    return [];
  }
}

/** Remember that the person agreed to send the key to `host` (until "Forget key"). */
export function saveKeyHost(host: string): void {
  const hosts = loadKeyHosts();
  if (!hosts.includes(host)) write('local', KEY_HOSTS, JSON.stringify([...hosts, host]));
}

/** The remembered model name, if one was chosen. */
export function loadModel(): string | undefined {
  return read('local', MODEL);
}

/** Remember the model name (empty forgets it). */
export function saveModel(model: string): void {
  write('local', MODEL, model);
}
