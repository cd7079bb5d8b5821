// The team's rules page and how to appeal: one pair for the whole console (Settings → Community → Links in
// replies), kept by main so the replies' {rule_link}/{appeal_link} and the welcomes' {rules} read the same.
import { z } from 'zod';

/** A link replies give members: empty (not set yet) or a web address. */
const replyLink = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || /^https?:\/\/[^\s<>"]+$/i.test(v), { params: { problem: 'not_a_link' } });

export const ReplyLinksSchema = z.object({ rulesLink: replyLink, appealLink: replyLink });
export type ReplyLinks = z.infer<typeof ReplyLinksSchema>;

export const NO_REPLY_LINKS: ReplyLinks = { rulesLink: '', appealLink: '' };
