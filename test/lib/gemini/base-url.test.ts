import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseUrlProblem, normaliseBaseUrl } from '../../../src/lib/gemini/index.ts';
import { forgetKey, loadBaseUrl, saveBaseUrl, saveKey } from '../../../src/platform/storage.ts';

const KEY = 'AIzaFAKE-not-a-real-key-7';
/** Google's documented REST form, pasted whole into "API base URL" by mistake. */
const KEY_URL = `https://generativelanguage.googleapis.com/v1beta/models/gemini-flash-latest:generateContent?key=${KEY}`;

/** A Web Storage held in memory, standing in for the browser's in Node. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(name: string): string | null {
    return this.items.get(name) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(name: string): void {
    this.items.delete(name);
  }
  setItem(name: string, value: string): void {
    this.items.set(name, String(value));
  }
  /** Every stored value, to search for the key. */
  values(): string[] {
    return [...this.items.values()];
  }
}

let local: MemoryStorage;
let session: MemoryStorage;
const everything = () => [...local.values(), ...session.values()].join('\n');

beforeEach(() => {
  local = new MemoryStorage();
  session = new MemoryStorage();
  Object.defineProperty(globalThis, 'localStorage', { value: local, configurable: true });
  Object.defineProperty(globalThis, 'sessionStorage', { value: session, configurable: true });
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
  Reflect.deleteProperty(globalThis, 'sessionStorage');
});

describe('API base URL before it is saved', () => {
  it('never stores an address that carries the key, and says why in words', () => {
    const problem = saveBaseUrl(KEY_URL);
    expect(problem).toMatch(/key/i);
    expect(problem).toMatch(/not saved/i);
    // The words never repeat the key either.
    expect(problem).not.toContain(KEY);
    expect(everything()).not.toContain(KEY);
    expect(loadBaseUrl()).toBeUndefined();
  });

  it.each([
    ['a query', 'https://proxy.example/?token=abc', /\?/],
    ['a fragment', 'https://proxy.example/#top', /#/],
    ['a user name and password', 'https://me:secret@proxy.example', /user name or password/],
    ['a full model address', 'https://proxy.example/v1beta/models/x:generateContent', /model/],
    ['plain http to another machine', 'http://proxy.example', /https/],
    ['not an address', 'proxy dot example', /web address/],
  ])('refuses %s, stores nothing, and says why', (_what, url, why) => {
    saveBaseUrl('https://kept.example');
    const problem = saveBaseUrl(url);
    expect(problem).toMatch(why);
    expect(problem).toContain(baseUrlProblem(url));
    // The last good address stays.
    expect(loadBaseUrl()).toBe('https://kept.example');
    expect(everything()).not.toContain(url);
  });

  it.each([
    'https://generativelanguage.googleapis.com',
    'https://my-proxy.example/gemini',
    'https://my-proxy.example/gemini/v1beta/',
    'http://127.0.0.1:8080',
    'http://localhost:3000/api',
    'http://[::1]:8080',
  ])('stores a plain base address: %s', (url) => {
    expect(saveBaseUrl(url)).toBeUndefined();
    expect(loadBaseUrl()).toBe(url);
    expect(() => normaliseBaseUrl(url)).not.toThrow();
  });

  it('an empty field forgets the address, with no complaint', () => {
    saveBaseUrl('https://kept.example');
    expect(saveBaseUrl(''), 'what clearing the field says').toBeUndefined();
    expect(loadBaseUrl()).toBeUndefined();
  });

  it('drops an address stored with a key by an older version, and Forget key leaves nothing', () => {
    local.setItem('glimpse.baseUrl', KEY_URL);
    saveKey(KEY, true);
    expect(loadBaseUrl()).toBeUndefined();
    local.setItem('glimpse.baseUrl', KEY_URL);
    forgetKey();
    expect(everything()).not.toContain(KEY);
  });

  it('the request path refuses the same addresses with the same words', () => {
    expect(() => normaliseBaseUrl(KEY_URL)).toThrow();
    try {
      normaliseBaseUrl(KEY_URL);
    } catch (error) {
      expect((error as { apiMessage?: string }).apiMessage).toBe(baseUrlProblem(KEY_URL));
      expect(String(error)).not.toContain(KEY);
    }
  });
});
