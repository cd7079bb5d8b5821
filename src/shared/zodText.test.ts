import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { firstIssueText, issuesText } from './zodText';

const Line = z.object({ id: z.string(), ts: z.number() });

describe('zod failures in words', () => {
  it('names each issue by its path, or by what was parsed when it has none', () => {
    const fields = Line.safeParse({ id: 1, ts: 'x' });
    expect(fields.success).toBe(false);
    if (fields.success) return;
    expect(firstIssueText(fields.error, 'line')).toMatch(/^id: /);
    expect(issuesText(fields.error, 'line')).toMatch(/^id: .+; ts: .+$/);
    const whole = Line.safeParse(7);
    if (whole.success) return;
    expect(firstIssueText(whole.error, 'line')).toMatch(/^line: /);
  });
});
