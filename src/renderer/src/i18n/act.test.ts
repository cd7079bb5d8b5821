import { describe, expect, it } from 'vitest';
import { actEn } from './act.en';
import { actZhCN } from './act.zh-CN';
import { en } from './en';
import { merge } from './index';

function leaves(obj: object, prefix = ''): Array<[string, string]> {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
}

describe('act strings', () => {
  it('has the same keys and placeholders in English and Simplified Chinese, all translated', () => {
    const zh = new Map(leaves(actZhCN));
    expect([...zh.keys()].sort()).toEqual(leaves(actEn).map(([k]) => k).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of leaves(actEn)) {
      expect([key, placeholders(zh.get(key) ?? '')]).toEqual([key, placeholders(text)]);
      expect([key, zh.get(key) === text]).toEqual([key, false]);
    }
  });

  it('extends the shared groups without replacing their keys', () => {
    const merged = leaves(merge(en, actEn));
    const keys = new Set(merged.map(([k]) => k));
    for (const [k] of leaves(en)) expect(keys.has(k)).toBe(true);
    expect(keys.has('outcome.dm')).toBe(true);
    expect(keys.has('outcome.delete')).toBe(true);
  });
});
