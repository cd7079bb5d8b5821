// Insult words that insult no one (issue 14): a slur's everyday sense, in-group reclaimed use, the author about
// themselves and an insult word on a thing are not flagged; the same words aimed at a person still are. Lines
// written here, not taken from any corpus.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admiringCurse, foreignForm, interjection, otherSense, ownGroupWord, selfOrThing } from './contextInsult';
import { createTriageEngine } from './index';
import { flagCategories, message, spanOf } from './testkit';

const engine = createTriageEngine();
const categories = flagCategories;
const at = spanOf;

describe('insult words that insult no one are not flagged', () => {
  it.each([
    // Another sense, shown by the words beside it.
    ['homonym', 'Our beagle bitch is in heat again, keep the males away'],
    ['homonym', 'He stepped outside for a fag and asked me for a lighter'],
    ['homonym', 'Mum made faggots with onion gravy for dinner'],
    ['homonym', 'There is a chink in the armour of their defence'],
    ['homonym', 'Careful, that cactus will prick your finger'],
    // In-group, reclaimed use.
    ['in-group', 'my niggas always got my back'],
    ['in-group', 'shout out to all my fellow faggots at pride today'],
    ['in-group', 'us faggots deserve respect too'],
    ['in-group', 'a bitch like me never gives up'],
    // The author about themselves.
    ['self', 'we will try not to be such assholes next time'],
    ['self', 'perdón por ser tan idiota ayer'],
    ['self', 'eu sou muito idiota kkkk esqueci a chave de novo'],
    ['self', '那时候的我完全是个白痴，对不起大家'],
    ['self', 'انا كنت غبي جدا امبارح'],
    ['self', 'Ich versuche, kein Idiot mehr zu sein'],
    ['self', 'Realmente soy un maldito hijo de puta con mis amigos'],
    ['self', '我也不是第一次被人说是个傻逼了'],
    // An insult word on a thing.
    ['thing', 'that was a really dumbass move by the referee'],
    ['thing', 'que frio desgraçado hoje'],
    ['thing', 'ninguém merece pergunta idiota no grupo'],
    ['thing', 'isso foi muito babaca da minha parte, desculpa'],
    ['thing', '我以前那些王八蛋行为真的很后悔'],
    ['thing', 'Meine neuen Kopfhörer sind echt Abschaum'],
    ['thing', 'Las películas de terror son estúpidas, todas iguales'],
    ['thing', 'Les chansons de cet album sont débiles'],
    ['thing', 'franchement je trouve ça débile de fermer le parc'],
    ['thing', 'القهوة هنا حقيرة جدا'],
    // Words said to someone, reported; a curse in surprise at a thing.
    ['reported', 'the ref told me to shut the fuck up lol'],
    ['reported', 'is it too early to fuck off home?'],
    ['surprise', 'Hijo de puta, ¿qué es esto? no me lo creo'],
    // A curse said at the moment, at no one.
    ['interjection', 'puta que pariu, que golaço do meu time'],
    ['interjection', 'gente puta q pariu eu passei na prova kkkk'],
    ['interjection', 'perdi o ônibus de novo puta merda'],
    ['interjection', '¡La puta madre! Se me quemó la cena otra vez'],
    ['interjection', 'el concierto estuvo de puta madre'],
    ['interjection', 'qué puta mierda de partido, qué aburrido'],
    ['angry', 'minha mãe tá puta comigo porque cheguei tarde'],
    ['angry', 'ele fez de novo e me deixou extremamente puta'],
    ['angry', 'não quero que eu fique puta antes da prova'],
    ['interjection', 'puta que me pariu, que susto levei'],
    ['emphasis', 'acabei de ver o documentário, que puta história'],
    ['emphasis', 'a goleira fez uma puta defesa no fim'],
    ['emphasis', 'puta dor nas costas depois da academia'],
    ['emphasis', 'qué puta suerte tuvimos con el tiempo'],
    // A "son of a …" curse in praise of a skill.
    ['admiration', 'That drummer is one talented motherfucker, what a solo'],
    ['admiration', 'Ese hijo de puta sí que sabe cocinar'],
    ['admiration', 'Esse filho da puta sabe jogar bola demais'],
    ['admiration', 'ce fils de pute sait vraiment chanter'],
    ['admiration', 'المغني ده بيثبت انه ابن شرموطة في الغناء'],
    // A short form that is another language's insult, in a message written in the language where it is a word.
    ['foreign form', 'meu irmão tá aq em casa hoje'],
    ['foreign form', 'Could you send me a pic of the receipt?'],
    ['foreign form', 'Cnm bugün nasılsın, akşam geliyor musun?'],
  ])('%s: %s', (_kind, text) => {
    expect(categories(engine.evaluate(message(text)))).not.toContain('toxicity');
  });

  it.each([
    'you bitch, walk your own dog',
    'shut up you fag, go smoke outside',
    'niggas like you should leave',
    'our faggot teacher gave us homework again',
    'she is my bitch now',
    'we hate faggots here',
    'eres un idiota',
    'apaga o teu meme desgraçado',
    '你就是个傻逼',
    'he is such a dumbass',
    'você é muito idiota',
    'these people should shut the fuck up',
    'I told you to shut the fuck up',
    'Hijo de puta, ¿qué haces aquí?',
    // Vietnamese is read with its tones: folded, "báo" (report) would read as "bảo" (say), a speech frame.
    'Dịt mẹ đéo báo ai, họp bàn cho xong',
    // Sent there, possessed, or aimed at "you": the curse is at someone.
    'vai pra puta que pariu, seu lixo',
    'me cago en tu puta madre',
    'la puta madre que te parió',
    'você é uma puta merda',
    'eres una puta mierda',
    'estaría bien con ellos si no fueran una puta mierda',
    'essa puta safada roubou meu lugar',
    'seu filho de uma puta covarde',
    'isso é normal para uma puta como você',
    'puta, cala a boca',
    'the people in this movie are idiots',
    'that movie is retarded',
    'your songs are trash, idiot',
    "c'est un gros débile",
    'este juego es una mierda y tú eres un idiota',
    'sua puta com cara de santa',
    'você é uma puta demais',
    'puta que pariu, você é um idiota',
    'you talented motherfucker, pay me back',
    'ese hijo de puta no sabe hacer nada',
    'eres un hijo de puta, sabes que es verdad',
    // The short forms in their own languages, and the full form anywhere.
    'aq senin yüzünden yine kaybettik',
    'sen tam bir piçsin',
    'defol git piç, send me no pic',
    '你个cnm的东西给我滚',
  ])('still flags the insult %s', (text) => {
    expect(categories(engine.evaluate(message(text)))).toContain('toxicity');
  });

  // The checks read the folded text too: a look-alike written full-width, with zero-width joiners or marks.
  it.each(['ｍｙ　ｎｉｇｇａｓ　ａｌｗａｙｓ　ｇｏｔ　ｍｙ　ｂａｃｋ', 'eu\u200b sou\u200d muito idiota kkkk', 'Ｓａｙｉｎｇ　ｔｈａｔ　ｉｍｍｉｇｒａｎｔｓ　ａｒｅ　ｉｄｉｏｔｓ　ｉｓ　ｒａｃｉｓｔ．'])(
    'reads the disguised look-alike %s as folded',
    (text) => {
      expect(categories(engine.evaluate(message(text)))).not.toContain('toxicity');
    },
  );
  it.each(['ｙｏｕ　ｂｉｔｃｈ，　ｗａｌｋ　ｙｏｕｒ　ｄｏｇ', 'ｎｉｇｇａｓ　ｌｉｋｅ　ｙｏｕ　ｓｈｏｕｌｄ　ｌｅａｖｅ'])('still flags the disguised insult %s', (text) => {
    expect(categories(engine.evaluate(message(text)))).toContain('toxicity');
  });

  it('reads each check on the word it is given', () => {
    expect(otherSense(...at('My labrador bitch had puppies', 'bitch'))).toBe(true);
    expect(otherSense(...at('you are a bitch, like a dog', 'bitch'))).toBe(false);
    expect(ownGroupWord(...at('I gotchu, my nigga', 'nigga'))).toBe(true);
    expect(ownGroupWord(...at('those niggas again', 'niggas'))).toBe(false);
    expect(selfOrThing(...at('那时的我完全是个傻逼', '傻逼'))).toBe(true);
    expect(selfOrThing(...at('我觉得他是个傻逼', '傻逼'))).toBe(false);
    expect(interjection(...at('puta merda, esqueci a senha', 'puta'))).toBe(true);
    expect(interjection(...at('vai pra puta que pariu', 'puta'))).toBe(false);
    expect(interjection(...at('ela é uma puta', 'puta'))).toBe(false);
    expect(foreignForm(...at('eu tô aq em casa esperando você', 'aq'))).toBe(true);
    expect(foreignForm(...at('aq ne biçim maç bu ya', 'aq'))).toBe(false);
  });

  // Property: neither new reading swallows a curse aimed at someone. Any interjection or everyday-language
  // short form beside an insult at "you" (or a possessed or sent-there curse) leaves the message flagged.
  it('an insult at someone stays flagged whatever interjection or short form is beside it', () => {
    const beside = ['what a talented guy, ', 'sabe cocinar, ', 'puta que pariu, ', 'puta merda ', '¡la puta madre! ', 'tô aq e ', 'send me a pic, ', 'cnm ', 'de puta madre, ', ''];
    const insults = ['you talented motherfucker', 'eres un hijo de puta que sabe mentir', 'você é uma puta', 'vai pra puta que pariu', 'sua puta', 'eres una puta', 'tu puta madre', 'you bitch', 'você é um idiota', 'defol git piç', '你是傻逼'];
    const after = ['', ' kkkk', '!', ' puta merda', ', de verdad', ' aq', ' 😂'];
    fc.assert(
      fc.property(fc.constantFrom(...beside), fc.constantFrom(...insults), fc.constantFrom(...after), fc.string({ maxLength: 8 }), (b, insult, a, noise) => {
        expect(categories(engine.evaluate(message(noise + ' ' + b + insult + a)))).toContain('toxicity');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary spans', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.nat(60), fc.nat(20), (text, a, n) => {
        const start = Math.min(a, text.length);
        const end = Math.min(text.length, start + n);
        for (const check of [otherSense, ownGroupWord, selfOrThing, interjection, foreignForm, admiringCurse]) expect(typeof check(text, start, end)).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
