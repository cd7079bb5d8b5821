import { describe, expect, it } from 'vitest';
import { en } from './en';
import { merge } from './index';
import { peopleEn } from './people.en';
import { peopleZhCN } from './people.zh-CN';

function leaves(obj: object, prefix = ''): Array<[string, string]> {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
}

describe('people strings', () => {
  it('has the same keys and placeholders in English and Simplified Chinese, all translated', () => {
    const zh = new Map(leaves(peopleZhCN));
    expect([...zh.keys()].sort()).toEqual(leaves(peopleEn).map(([k]) => k).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of leaves(peopleEn)) {
      expect([key, placeholders(zh.get(key) ?? '')]).toEqual([key, placeholders(text)]);
      // Only symbols may read the same in both.
      if (/[A-Za-z]/.test(text.replace(/\{\{\w+\}\}/g, ''))) expect([key, zh.get(key) === text]).toEqual([key, false]);
    }
  });

  it('adds its own group without replacing shared keys', () => {
    const keys = new Set(leaves(merge(en, peopleEn)).map(([k]) => k));
    for (const [k] of leaves(en)) expect(keys.has(k)).toBe(true);
  });
});
