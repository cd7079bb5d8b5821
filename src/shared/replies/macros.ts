// Macros: reply templates with {variables}, tone variants and language versions, stackable into
// one reply. Variable values are hostile (member names); they enter the document as plain text
// runs after sanitizing, so no platform ever reads them as markup or a mention.
import { z } from 'zod';
import { parseDraft, isSafeHref, type Block, type ReplyDocument, type Run } from './draft';
import { ReplyLanguageSchema, type ReplyLanguage } from './language';
import { sanitizeVariable } from './sanitize';

export const ToneSchema = z.enum(['warm', 'neutral', 'firm']);
export type Tone = z.infer<typeof ToneSchema>;

export const SituationSchema = z.enum(['warning', 'self-harm', 'appeal', 'welcome', 'answer']);
export type Situation = z.infer<typeof SituationSchema>;

const template = z.string().min(1).max(4000);
export const ToneVariantsSchema = z.partialRecord(ToneSchema, template);
export type ToneVariants = z.infer<typeof ToneVariantsSchema>;

export const MacroSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  title: z.string().min(1).max(120),
  /** Where the console offers it first. */
  situations: z.array(SituationSchema).default([]),
  /** Whether the reply opens with the greeting line (once, however many macros are stacked). */
  greet: z.boolean().default(true),
  variants: z.partialRecord(ReplyLanguageSchema, ToneVariantsSchema),
});
export type Macro = z.infer<typeof MacroSchema>;

/** The opening line per language and tone, e.g. "Hi {member},". */
export const GreetingsSchema = z.partialRecord(ReplyLanguageSchema, ToneVariantsSchema);
export type Greetings = z.infer<typeof GreetingsSchema>;

export const MacroLibrarySchema = z.object({ greetings: GreetingsSchema, macros: z.array(MacroSchema) });
export type MacroLibrary = z.infer<typeof MacroLibrarySchema>;

/** Values for {placeholders}; anything a member controls (their name) is hostile. */
export type MacroVariables = Partial<Record<string, string>>;

export interface MacroChoice {
  language: ReplyLanguage;
  tone: Tone;
}

/** A template picked for a choice: the requested version, or the nearest one we have. */
export interface PickedTemplate {
  template: string;
  language: ReplyLanguage;
  tone: Tone;
  /** True when the requested language or tone was missing and another was used. */
  fallback: boolean;
}

const TONE_FALLBACK: Record<Tone, Tone[]> = { warm: ['warm', 'neutral', 'firm'], neutral: ['neutral', 'warm', 'firm'], firm: ['firm', 'neutral', 'warm'] };

export function pickVariant(variants: Partial<Record<ReplyLanguage, ToneVariants>>, choice: MacroChoice, fallbackLanguage: ReplyLanguage = 'en'): PickedTemplate | undefined {
  for (const language of [choice.language, fallbackLanguage, 'en' as const]) {
    const byTone = variants[language];
    if (!byTone) continue;
    for (const tone of TONE_FALLBACK[choice.tone]) {
      const template = byTone[tone];
      if (template) return { template, language, tone, fallback: language !== choice.language || tone !== choice.tone };
    }
  }
  return undefined;
}

export interface FilledDocument {
  doc: ReplyDocument;
  /** Placeholders without a value: left visible as `{name}` so the moderator fills them in. */
  missing: string[];
}

/** Replaces variable runs by their sanitized values; link placeholders take a value only if it is a safe URL. */
export function fillVariables(doc: ReplyDocument, variables: MacroVariables): FilledDocument {
  const missing = new Set<string>();
  const value = (name: string): string | undefined => {
    const raw = variables[name];
    if (raw === undefined) return undefined;
    const v = sanitizeVariable(raw, name.endsWith('link') ? 500 : undefined);
    return v === '' ? undefined : v;
  };
  const fillRuns = (runs: Run[]): Run[] =>
    runs.map((run) => {
      const out: Run = { ...run };
      const hrefVar = /^\{([a-z][a-z0-9_]*)\}$/.exec(run.href ?? '')?.[1];
      if (hrefVar !== undefined) {
        const url = value(hrefVar);
        if (url && isSafeHref(url) && !url.startsWith('{')) out.href = url;
        else {
          delete out.href;
          if (!url) missing.add(hrefVar);
        }
      }
      if (run.variable === undefined) return out;
      delete out.variable;
      const v = value(run.variable);
      if (v === undefined) {
        missing.add(run.variable);
        return out;
      }
      // A link variable in running text becomes a link to itself (rendered as a bare URL).
      if (run.variable.endsWith('link') && isSafeHref(v) && out.href === undefined) return { ...out, text: v, href: v };
      return { ...out, text: v };
    });
  const blocks: Block[] = doc.blocks.map((b) =>
    b.kind === 'paragraph' ? { kind: 'paragraph', runs: fillRuns(b.runs) } : b.kind === 'list' ? { ...b, items: b.items.map(fillRuns) } : b,
  );
  return { doc: { blocks }, missing: [...missing] };
}

export interface ComposedReply extends FilledDocument {
  /** The draft text as the moderator would edit it (template markup, values filled in). */
  picked: { macroId: string; language: ReplyLanguage; tone: Tone; fallback: boolean }[];
}

/**
 * Stacks macros into one reply: one greeting line (if any macro greets), then each macro's body
 * as its own paragraph(s), in the order given.
 */
export function composeReply(library: MacroLibrary, macroIds: string[], choice: MacroChoice, variables: MacroVariables): ComposedReply {
  const picked: ComposedReply['picked'] = [];
  const bodies: string[] = [];
  let greet = false;
  for (const id of macroIds) {
    const macro = library.macros.find((m) => m.id === id);
    if (!macro) continue;
    const p = pickVariant(macro.variants, choice);
    if (!p) continue;
    picked.push({ macroId: id, language: p.language, tone: p.tone, fallback: p.fallback });
    bodies.push(p.template.trim());
    greet ||= macro.greet;
  }
  const greeting = greet ? pickVariant(library.greetings, choice)?.template : undefined;
  const source = greeting && bodies.length > 0 ? [`${greeting}\n${bodies[0]}`, ...bodies.slice(1)].join('\n\n') : bodies.join('\n\n');
  const filled = fillVariables(parseDraft(source, { variables: true }), variables);
  return { ...filled, picked };
}

/** One macro, one tone, one language: what the preview and the tests look at. */
export function renderMacro(macro: Macro, choice: MacroChoice, variables: MacroVariables, greetings: Greetings = {}): ComposedReply {
  return composeReply({ greetings, macros: [macro] }, [macro.id], choice, variables);
}
