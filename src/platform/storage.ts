/**
 * What the page remembers. The API key lives in sessionStorage (gone when the tab closes)
 * unless the person ticks "Remember on this device", then in localStorage; it is stored
 * nowhere else. The base URL and the model are not secrets and are always remembered.
 * Storage can be unavailable (private modes, sandboxed frames): every call then degrades to
 * "nothing remembered" rather than throwing.
 */

const KEY = 'glimpse.apiKey';
const BASE_URL = 'glimpse.baseUrl';
const MODEL = 'glimpse.model';

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
  write(remember ? 'local' : 'session', KEY, key);
  write(remember ? 'session' : 'local', KEY, undefined);
}

/** Wipe the key from every store. */
export function forgetKey(): void {
  write('local', KEY, undefined);
  write('session', KEY, undefined);
}

/** The remembered API base URL, if one was set. */
export function loadBaseUrl(): string | undefined {
  return read('local', BASE_URL);
}

/** Remember the API base URL (empty forgets it). */
export function saveBaseUrl(url: string): void {
  write('local', BASE_URL, url);
}

/** The remembered model name, if one was chosen. */
export function loadModel(): string | undefined {
  return read('local', MODEL);
}

/** Remember the model name (empty forgets it). */
export function saveModel(model: string): void {
  write('local', MODEL, model);
}
