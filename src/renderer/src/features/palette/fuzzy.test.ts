import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from './fuzzy';

describe('fuzzy palette matching', () => {
  it('needs every letter in order', () => {
    expect(fuzzyScore('ban', 'Ban member')).toBeDefined();
    expect(fuzzyScore('nab', 'Ban member')).toBeUndefined();
    expect(fuzzyScore('', 'anything')).toBe(0);
  });

  it('ranks word starts and runs first, keeps the given order for ties', () => {
    const items = ['Unban member', 'Ban member', 'Delete and timeout', 'Timeout author'];
    expect(fuzzyFilter(items, 'ban', (s) => s)[0]).toBe('Ban member');
    expect(fuzzyFilter(items, 'to', (s) => s)[0]).toBe('Timeout author');
    expect(fuzzyFilter(items, '', (s) => s)).toEqual(items);
    expect(fuzzyFilter(items, 'zzz', (s) => s)).toEqual([]);
  });
});
