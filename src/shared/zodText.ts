// A zod failure in plain words, for logs, thrown errors and command-line tools — never for the
// moderator (the renderer words problems from their codes, in each language). Each issue reads
// "path: message"; an empty path is named by `root`, the thing that was parsed ('line', 'request').
import type { ZodError } from 'zod';

type Issue = ZodError['issues'][number];

export function issueText(issue: Issue, root: string): string {
  return `${issue.path.join('.') || root}: ${issue.message}`;
}

/** The first issue only (a line of input is refused for its first fault). */
export function firstIssueText(error: ZodError, root: string): string {
  const first = error.issues[0];
  return first ? issueText(first, root) : `${root}: invalid`;
}

/** Every issue, joined with '; '. */
export function issuesText(error: ZodError, root: string): string {
  return error.issues.map((i) => issueText(i, root)).join('; ');
}
