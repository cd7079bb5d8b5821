import { describe, expect, it } from 'vitest';
import { detectLanguage, languageProfilesLoaded, loadLanguageProfiles, preselectLanguage } from './language';

describe('language profiles, loaded on demand', () => {
  it('go by script until tinyld is loaded, then by its n-grams', async () => {
    // Importing this module does not build tinyld's profiles (the console loads them after its first screen).
    expect(languageProfilesLoaded()).toBe(false);
    expect(detectLanguage('Hola, ¿dónde puedo pedir el reembolso de mi compra?')).toEqual({ iso: '', reliable: false, candidates: [] });
    expect(detectLanguage('退款什么时候到账').language).toBe('zh-CN');
    expect(detectLanguage('返金はいつですか').language).toBe('ja');
    expect(preselectLanguage({ memberTexts: ['Hola, ¿dónde puedo pedir el reembolso de mi compra?'], fallback: 'en' })).toBe('en');

    await Promise.all([loadLanguageProfiles(), loadLanguageProfiles()]);
    expect(languageProfilesLoaded()).toBe(true);
    expect(detectLanguage('Hola, ¿dónde puedo pedir el reembolso de mi compra?')).toMatchObject({ iso: 'es', language: 'es', reliable: true });
    expect(preselectLanguage({ memberTexts: ['Hola, ¿dónde puedo pedir el reembolso de mi compra?'], fallback: 'en' })).toBe('es');
  });
});
