// A community's voice guide: how its moderators sound (formality, emoji, words to avoid, the parts
// a reply must have, how long it may be per platform). Editable data with a schema and a default.
// Parses at load: zod must be jitless before that (the console's CSP has no 'unsafe-eval'), whichever
// chunk the bundler puts this module in.
import '../zodSetup';
import { z } from 'zod';
import { ReplyLanguageSchema } from './language';
import { SituationSchema } from './macros';

export const AvoidPhraseSchema = z.object({
  phrase: z.string().min(1).max(100),
  /** What to say instead, shown with the finding. */
  instead: z.string().max(200).optional(),
});
export type AvoidPhrase = z.infer<typeof AvoidPhraseSchema>;

const length = z.number().int().min(50).max(65536);

export const VoiceGuideSchema = z.object({
  name: z.string().max(120).default('Default voice'),
  /** The community's main language: macros fall back to it when a member's is unknown. */
  language: ReplyLanguageSchema.default('en'),
  /** `formal` flags chat slang ("lol", "u", "gonna"); the others accept it. */
  formality: z.enum(['casual', 'friendly', 'formal']).default('friendly'),
  /** `none`: no emoji at all; `few`: at most `maxEmoji`; `any`: no limit. */
  emoji: z.enum(['none', 'few', 'any']).default('few'),
  maxEmoji: z.number().int().min(0).max(50).default(3),
  avoid: z.array(AvoidPhraseSchema).max(500).optional(),
  /**
   * Situations in which the team makes a part REQUIRED: a reply without it is a finding. None by
   * default: a fine warning without a greeting is still fine (issue 14 §3).
   */
  requiredParts: z
    .object({
      greeting: z.array(SituationSchema).default([]),
      ruleLink: z.array(SituationSchema).default([]),
    })
    .default({ greeting: [], ruleLink: [] }),
  /** Situations in which a part is SUGGESTED: shown to the moderator as a suggestion, never a finding. */
  suggestedParts: z
    .object({
      greeting: z.array(SituationSchema).default(['welcome', 'warning', 'self-harm', 'appeal']),
      ruleLink: z.array(SituationSchema).default(['warning']),
    })
    .default({ greeting: ['welcome', 'warning', 'self-harm', 'appeal'], ruleLink: ['warning'] }),
  /** Preferred maximum per platform, under the platforms' own limits: chat replies stay short. */
  maxLength: z
    .object({ discord: length.default(800), telegram: length.default(1000), whatsapp: length.default(700) })
    .default({ discord: 800, telegram: 1000, whatsapp: 700 }),
  /** Extra words this community treats as harsh, on top of the built-in lists. */
  harshWords: z.array(z.string().min(1).max(100)).max(500).default([]),
});
export type VoiceGuide = z.infer<typeof VoiceGuideSchema>;
export type VoiceGuideInput = z.input<typeof VoiceGuideSchema>;

/** Words that talk down to a member, in each reply language, with a kinder alternative. */
export const DEFAULT_AVOID: AvoidPhrase[] = [
  { phrase: 'calm down', instead: 'I understand this is frustrating' },
  { phrase: 'you people', instead: 'everyone' },
  { phrase: 'obviously', instead: '(leave it out)' },
  { phrase: 'as I already said', instead: 'to repeat the key point' },
  { phrase: 'per my last message', instead: 'to repeat the key point' },
  { phrase: 'no offense' },
  { phrase: 'chill out', instead: 'let’s keep it friendly' },
  { phrase: '冷静点', instead: '我理解这让人着急' },
  { phrase: '你们这些人', instead: '大家' },
  { phrase: '淡定', instead: '我理解你的心情' },
  { phrase: '显然', instead: '（删去）' },
  { phrase: 'cálmate', instead: 'entiendo que es frustrante' },
  { phrase: 'calma aí', instead: 'entendo que é frustrante' },
  { phrase: 'beruhig dich', instead: 'ich verstehe, dass das ärgerlich ist' },
  { phrase: 'calme-toi', instead: 'je comprends que ce soit frustrant' },
  { phrase: 'успокойся', instead: 'понимаю, что это неприятно' },
  { phrase: '落ち着いて', instead: 'お気持ちはわかります' },
];

export const DEFAULT_VOICE_GUIDE: VoiceGuide = VoiceGuideSchema.parse({ avoid: DEFAULT_AVOID });

/** The guide's avoid list, or the default one when the guide does not set its own. */
export function avoidList(guide: VoiceGuide): AvoidPhrase[] {
  return guide.avoid ?? DEFAULT_AVOID;
}
