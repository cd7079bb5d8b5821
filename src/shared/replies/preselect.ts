// What the reply editor opens with for an inbox item: the member's language, the tone that fits the
// situation, and the macros to stack (self-harm → warm + support resources; repeat offender → firm).
import type { FlagCategory } from '../domain/model';
import { preselectLanguage, type ReplyLanguage } from './language';
import type { Situation, Tone } from './macros';

export interface ReplyContext {
  situation?: Situation;
  /** Flag categories on the item: a self-harm flag overrides whatever situation was picked. */
  categories?: FlagCategory[];
  /** Warnings and timeouts the member already has in the ladder's window. */
  priorCases?: number;
  memberLanguage?: string;
  memberTexts?: string[];
  communityLanguage: ReplyLanguage;
}

export interface ReplyPreselection {
  situation?: Situation;
  language: ReplyLanguage;
  tone: Tone;
  macroIds: string[];
  /** Why this tone, for the editor's hint line. */
  reason: string;
}

/** From this many prior cases on, a member is a repeat offender and warnings turn firm. */
export const REPEAT_OFFENDER_CASES = 2;

const MACROS_FOR: Record<Situation, string[]> = {
  'self-harm': ['support-resources'],
  warning: ['warning'],
  appeal: ['appeal-received'],
  welcome: ['welcome'],
  answer: ['answer-pointer'],
};

export function pickSituation(ctx: Pick<ReplyContext, 'situation' | 'categories'>): Situation | undefined {
  if (ctx.categories?.includes('self-harm')) return 'self-harm';
  if (ctx.situation) return ctx.situation;
  const moderation: FlagCategory[] = ['scam', 'phishing', 'spam', 'toxicity', 'flood', 'mention-spam', 'nsfw', 'raid'];
  return ctx.categories?.some((c) => moderation.includes(c)) ? 'warning' : undefined;
}

export function pickTone(situation: Situation | undefined, priorCases = 0): { tone: Tone; reason: string } {
  switch (situation) {
    case 'self-harm':
      return { tone: 'warm', reason: 'The member may be at risk: warm, with support resources.' };
    case 'welcome':
      return { tone: 'warm', reason: 'A welcome is warm.' };
    case 'warning':
      return priorCases >= REPEAT_OFFENDER_CASES
        ? { tone: 'firm', reason: `Repeat offender (${priorCases} prior cases): firm.` }
        : { tone: priorCases === 0 ? 'warm' : 'neutral', reason: priorCases === 0 ? 'First warning: warm, it is easy to miss a rule.' : 'Second warning: neutral.' };
    case 'appeal':
      return { tone: 'neutral', reason: 'Appeals get a neutral, even reply.' };
    default:
      return { tone: 'neutral', reason: 'Neutral by default.' };
  }
}

export function preselectReply(ctx: ReplyContext): ReplyPreselection {
  const situation = pickSituation(ctx);
  const { tone, reason } = pickTone(situation, ctx.priorCases ?? 0);
  const language = preselectLanguage({ memberLanguage: ctx.memberLanguage, memberTexts: ctx.memberTexts, fallback: ctx.communityLanguage });
  const macroIds = situation ? [...MACROS_FOR[situation]] : [];
  return situation ? { situation, language, tone, macroIds, reason } : { language, tone, macroIds, reason };
}
