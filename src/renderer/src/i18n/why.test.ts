import { describe, expect, it } from 'vitest';
import { DropContextSchema } from '@shared/domain/model';
import { en } from './en';
import { merge } from './index';
import { whyEn } from './why.en';
import { whyZhCN } from './why.zh-CN';

function leaves(obj: object, prefix = ''): Array<[string, string]> {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
}

describe('why-not-flagged strings', () => {
  it('has the same keys and placeholders in English and Simplified Chinese, all translated', () => {
    const zh = new Map(leaves(whyZhCN));
    expect([...zh.keys()].sort()).toEqual(leaves(whyEn).map(([k]) => k).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of leaves(whyEn)) {
      expect([key, placeholders(zh.get(key) ?? '')]).toEqual([key, placeholders(text)]);
      expect([key, zh.get(key) === text]).toEqual([key, false]);
    }
  });

  it('words every context the engine records', () => {
    for (const c of DropContextSchema.options) expect(Object.keys(whyEn.why.context)).toContain(c);
  });

  it('adds its own group without replacing shared keys', () => {
    const keys = new Set(leaves(merge(en, whyEn)).map(([k]) => k));
    for (const [k] of leaves(en)) expect(keys.has(k)).toBe(true);
  });
});
