import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function leaves(obj: object): Array<[string, string]> {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v).map(([kk, vv]) => [`${k}.${kk}`, vv] as [string, string]) : [[k, String(v)]]));
}

describe('strings', () => {
  it('has every English key in Simplified Chinese, and no other', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it('keeps the same placeholders in both languages', () => {
    const zh = new Map(leaves(zhCN));
    for (const [key, text] of leaves(en)) {
      const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect([key, placeholders(zh.get(key) ?? '')]).toEqual([key, placeholders(text)]);
    }
  });

  it('translates what a moderator reads (names of products and platforms aside)', () => {
    const zh = new Map(leaves(zhCN));
    const untranslated = leaves(en).filter(([key, text]) => zh.get(key) === text && !/^(app\.name|platform\.)/.test(key));
    expect(untranslated).toEqual([]);
  });
});
