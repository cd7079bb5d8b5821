import { describe, expect, it } from 'vitest';
import { ErrorCodeSchema } from '@shared/domain/result';
import { SecretProtectionSchema } from '@shared/ipc/contract';
import { en } from './en';
import { merge } from './index';
import { securityEn } from './security.en';
import { securityZhCN } from './security.zh-CN';
import { zhCN } from './zh-CN';

function leaves(obj: object, prefix = ''): Array<[string, string]> {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
}

describe('security strings', () => {
  it('has the same keys and placeholders in English and Simplified Chinese, all translated', () => {
    const zh = new Map(leaves(securityZhCN));
    expect([...zh.keys()].sort()).toEqual(leaves(securityEn).map(([k]) => k).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of leaves(securityEn)) {
      expect([key, placeholders(zh.get(key) ?? '')]).toEqual([key, placeholders(text)]);
      expect([key, zh.get(key) === text]).toEqual([key, false]);
    }
  });

  it('words every error code (en.ts) and every way secrets can be kept, in both languages', () => {
    for (const tree of [merge(en, securityEn), merge(zhCN, securityZhCN)]) {
      const keys = new Set(leaves(tree).map(([k]) => k));
      for (const code of ErrorCodeSchema.options) expect([code, keys.has(`errors.${code}`)]).toEqual([code, true]);
      // Protected kinds are worded by kind, the unencrypted one by its reason.
      for (const option of SecretProtectionSchema.options) {
        const words = 'reason' in option.shape ? option.shape.reason.options : [option.shape.kind.value];
        for (const w of words) expect([w, keys.has(`secrets.${w}`)]).toEqual([w, true]);
      }
    }
  });
});
