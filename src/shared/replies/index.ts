// Replies in the community's voice: macros, language preselection, voice guide, tone check and
// per-platform formatting. Pure TypeScript, shared by main (CLI), the renderer and the tests.
export * from './draft';
export * from './format';
export * from './language';
export * from './macros';
export * from './defaultMacros';
export * from './preselect';
export * from './sanitize';
export * from './toneCheck';
export * from './toneBatch';
export * from './voiceGuide';
export * from './ruleCitation';
export * from './links';
