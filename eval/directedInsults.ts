// Insults aimed at "you" in the languages where recall is weakest (issue 14: tr, fr, de, id, es, ja, vi, ar),
// in the inflected forms members type: Turkish person suffixes ("aptalsın", "gerizekalısınız"), German
// compounds and plurals ("Vollidioten", "Drecksau"), Arabic clitics (ال, و, يا), Indonesian -nya/-mu and
// "dasar …", Vietnamese "mày là đồ …", Japanese "お前は…だ". Beside them, ordinary lines that share those
// words' letters (a pet dog, sleeping, a pig farm, a Hungarian name): hard negatives. Written for this project
// from how each language addresses and inflects, not from any public line; split by hash like eval/data.ts.
import type { Label, Sample } from './sample';

interface Language {
  /** Insults at the reader: toxicity. */
  insults: string[];
  /** Ordinary messages with the same letters or roots: benign, hard. */
  lookalikes: string[];
}

const languages: Record<string, Language> = {
  tr: {
    insults: [
      'sen bir aptalsın, bunu bile anlamadın',
      'gerizekalısınız hepiniz, susun artık',
      'bu kadar salaksın işte, bir daha yazma',
      'şerefsizin tekisin, kimse seni burada istemiyor',
      'adam tam bir beyinsiz, her maçta aynı hatayı yapıyor',
      'siktir git buradan yavşak',
      'aptallığını her mesajında gösteriyorsun',
      'orospunun evladı, yine küfür mü ediyorsun',
    ],
    lookalikes: ['köpeğim bugün çok tatlıydı, parka götürdüm', 'bu hafta çok sıkıldım, ders çalışmaktan bıktım', 'malı kargoya verdim, yarın elinde olur'],
  },
  fr: {
    insults: [
      "t'es qu'un crétin, tu comprends rien",
      'espèce de connasse, arrête de spammer',
      'vous êtes tous des débiles dans ce serveur',
      'tu es vraiment une imbécile, relis les règles',
      'ferme-la sale bouffon',
      "t'es trop nul, désinstalle le jeu",
      'bande de connards, vous avez ruiné la partie',
    ],
    lookalikes: ["c'est con, j'ai raté le bus ce matin", 'les soldes commencent demain, tout est en vente', 'le vétérinaire a dit que mon chien va mieux'],
  },
  de: {
    insults: [
      'du bist so dumm, ehrlich',
      'ihr seid alle Vollidioten',
      'halt dein Maul, du Drecksau',
      'du bist echt ein Hurensohn',
      'was für ein Riesenarschloch du bist',
      'du bist einfach nur hässlich und blöd',
      'verpiss dich, du Missgeburt',
    ],
    lookalikes: ['das war dumm von mir, ich habe den Schlüssel vergessen', 'mein Hund hat heute den ganzen Tag geschlafen', 'die Idioten-Fehler im Patch sind jetzt behoben, danke ans Team'],
  },
  es: {
    insults: [
      'eres un imbécil, no sabes jugar',
      'sois unos idiotas todos',
      'eres una estúpida, déjalo ya',
      'cállate pendejo',
      'qué subnormal eres, de verdad',
      'eres un inútil de mierda',
      'maricón de mierda, lárgate',
    ],
    lookalikes: ['qué tontería hice ayer, me dejé las llaves', 'mi perra tuvo cachorros esta semana', 'la basura la sacan los martes en mi barrio'],
  },
  id: {
    insults: [
      'dasar goblok, baca dulu aturannya',
      'kamu bego banget sih',
      'lu tolol ya, udah dibilangin berkali-kali',
      'dasar pelacur, jangan nyepam di sini',
      'bangsat lu, main curang terus',
      'kampret, kamu nyolong akunku',
      'otak lu udang, goblok banget',
      'dasar keparat, pergi sana',
    ],
    lookalikes: ['anjingku lucu banget hari ini', 'babi hutan masuk ke kebun tetangga tadi malam', 'aku bodoh banget lupa bawa dompet hari ini'],
  },
  ja: {
    insults: ['お前はバカだ', 'お前ほんとアホだな', 'このクズ野郎、二度と来るな', '黙れ、キモいんだよ', 'てめえマジでカスだな', 'お前みたいなゴミはいらない', 'ブサイクは黙ってろ'],
    lookalikes: ['バカンスでハワイに行ってきた', 'このクスリはよく効くよ', 'アホウドリの写真を撮った'],
  },
  vi: {
    insults: ['mày là đồ ngu', 'thằng chó này lại spam nữa', 'bọn mày toàn lũ ngu', 'đồ mất dạy, cút đi', 'mày đúng là óc chó', 'đm mày câm mồm đi', 'súc vật, đừng vào đây nữa', 'thằng khốn nạn lừa tiền tao'],
    lookalikes: ['mình đi ngủ đây, chúc cả nhà ngủ ngon', 'con chó nhà mình vừa đẻ ba con', 'máy tính của tao hỏng rồi, ai sửa giúp với'],
  },
  ar: {
    insults: ['انت غبي جدا', 'يا غبي اقرأ القوانين', 'انتم اغبياء كلكم', 'يا حقير اطلع من هنا', 'يا خنزير يا كلب', 'الغبي هذا ما يفهم شي', 'انت حيوان والله', 'يا ابن الكلب'],
    lookalikes: ['لحم الخنزير ممنوع عندنا', 'عندي كلب صغير اسمه ماكس', 'سؤال غبي مني، آسف'],
  },
};

const rows = (label: Label, lang: string, texts: string[], extra: Partial<Sample> = {}): Sample[] => texts.map((text) => ({ text, label, lang, ...extra }));

export const directedInsultSamples: Sample[] = Object.entries(languages).flatMap(([lang, l]) => [...rows('toxicity', lang, l.insults), ...rows('benign', lang, l.lookalikes, { hard: true })]);
