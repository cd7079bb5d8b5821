// The language guess behind the model's per-language thresholds: script first, then letters and words.
import { describe, expect, it } from 'vitest';
import { guessLanguage } from './language';

describe('guessLanguage', () => {
  it('tells the twelve languages triage reads apart on ordinary chat lines', () => {
    const lines: Array<[string, string]> = [
      ['هل يمكن لأحد أن يساعدني في إعداد الخادم؟', 'ar'],
      ['Kann mir jemand sagen, wann das Turnier heute beginnt?', 'de'],
      ['Does anyone know when the tournament starts today?', 'en'],
      ['¿Alguien sabe cuándo empieza el torneo hoy?', 'es'],
      ['Est-ce que quelqu’un sait quand le tournoi commence ?', 'fr'],
      ['Ada yang tahu kapan turnamennya mulai hari ini?', 'id'],
      ['今日のトーナメントは何時に始まりますか？', 'ja'],
      ['Alguém sabe quando começa o torneio hoje? Não achei a informação', 'pt'],
      ['Кто-нибудь знает, когда сегодня начинается турнир?', 'ru'],
      ['Turnuvanın bugün ne zaman başlayacağını bilen var mı?', 'tr'],
      ['Có ai biết hôm nay giải đấu bắt đầu lúc mấy giờ không?', 'vi'],
      ['有人知道今天的比赛几点开始吗？', 'zh'],
    ];
    for (const [text, lang] of lines) expect(guessLanguage(text), text).toBe(lang);
  });

  it('says it cannot tell rather than guess', () => {
    expect(guessLanguage('')).toBe('');
    expect(guessLanguage('👍👍 🔥')).toBe('');
    expect(guessLanguage('12345 !!! :)')).toBe('');
    // A language triage does not read.
    expect(guessLanguage('오늘 토너먼트 몇 시에 시작해요?')).toBe('');
  });

  it('reads capitals and letters written with combining marks', () => {
    expect(guessLanguage('DOES ANYONE KNOW WHEN THE TOURNAMENT STARTS?')).toBe('en');
    expect(guessLanguage('Có ai bie\u0302\u0301t kho\u0302ng')).toBe('vi');
  });
});
