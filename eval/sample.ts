// One labeled message of the evaluation set: what every part of the set (data.ts, selfHarm.ts,
// archetypes.ts) is written as and what build.ts reads.
export type Label = 'benign' | 'scam' | 'spam' | 'toxicity' | 'self-harm';
export interface Sample {
  text: string;
  label: Label;
  lang: string;
  hard?: boolean;
  /** Hand-made evasions (Chinese homophones, pinyin, split characters …). */
  evasive?: boolean;
}
