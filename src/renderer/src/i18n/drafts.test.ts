import { describe, expect, it } from 'vitest';
import { draftsEn } from './drafts.en';
import { draftsZhCN } from './drafts.zh-CN';
import { en } from './en';
import { merge } from './index';

function leaves(obj: object, prefix = ''): Array<[string, string]> {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
}

describe('drafts strings', () => {
  it('has the same keys and placeholders in English and Simplified Chinese, all translated', () => {
    const zh = new Map(leaves(draftsZhCN));
    expect([...zh.keys()].sort()).toEqual(leaves(draftsEn).map(([k]) => k).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of leaves(draftsEn)) {
      expect([key, placeholders(zh.get(key) ?? '')]).toEqual([key, placeholders(text)]);
      expect([key, zh.get(key) === text]).toEqual([key, false]);
    }
  });

  it('adds its own group without replacing shared keys', () => {
    const keys = new Set(leaves(merge(en, draftsEn)).map(([k]) => k));
    for (const [k] of leaves(en)) expect(keys.has(k)).toBe(true);
    expect(keys.has('drafts.discard')).toBe(true);
  });
});
