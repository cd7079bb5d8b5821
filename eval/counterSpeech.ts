// Counter-speech, quotation, denied opinions and works' titles in the twelve languages (issue 14), split by
// hash like eval/data.ts (≈30% held-out, never tuned on). Look-alikes (hard negatives): a member who reports
// hateful words to denounce them ("saying that X are Y is racist", "stop calling people X", "no digas que …"),
// who denies saying them ("I never said …"), or who names a song, film or book whose title says "I want to die"
// or an insult. Toxicity: real insults that merely carry a quote, a "not" or a "saying" ("you're not a human,
// you're a X", "'stupid' is what you are"). Written for this project; the forms follow HateCheck/MHC's
// counter-speech functionalities (their train templates) and how each language reports speech, not any test line.
import type { Label, Sample } from './sample';

interface Language {
  /** Denouncing, reporting with disapproval, prohibiting, denying: not abuse (hard negatives). */
  counter: string[];
  /** A self-harm or insulting phrase as a work's title: neither (hard negatives). */
  titles: string[];
  /** Insults aimed at someone that carry a quote, a negation or a "saying": toxicity. */
  wrapped: string[];
}

const languages: Record<string, Language> = {
  en: {
    counter: [
      'saying that refugees are idiots is just racist, please stop',
      'people who call women whores in this chat will be banned',
      'stop calling the new members retards, it is not okay',
      'I never said that gamers are morons, read my message again',
    ],
    titles: ['anyone else love the song "Kill Myself" by that emo band?', 'just finished the book "Die, Loser" and it was hilarious'],
    wrapped: ["you're not a player, you're a braindead idiot", "'trash' is exactly what you are, you moron", 'stop talking, you stupid bitch'],
  },
  zh: {
    counter: ['说外地人都是傻逼是地域歧视', '别再骂新人废物了，大家都是从新手过来的', '有人在群里说女生都是婊子，太恶心了，已举报', '我从没说过玩家都是白痴，别断章取义'],
    titles: ['最近单曲循环《我想死》这首歌', '那本叫《去死吧混蛋》的小说真好看'],
    wrapped: ['你不是人，你就是个傻逼', '“废物”说的就是你这个垃圾', '别说了，你这个贱人'],
  },
  es: {
    counter: [
      'decir que los inmigrantes son idiotas es racismo, basta ya',
      'deja de llamar putas a las chicas del servidor, no está bien',
      'los que escriben "los gays son basura" serán baneados',
      'nunca dije que los latinos son imbéciles, léelo otra vez',
    ],
    titles: ['la canción "Me quiero morir" me tiene enganchado', 'vi la película "Muérete, idiota" y me reí mucho'],
    wrapped: ['no eres un jugador, eres un imbécil', '"idiota" es lo que eres, pendejo', 'cállate ya, eres un inútil de mierda'],
  },
  pt: {
    counter: [
      'dizer que nordestino é burro é preconceito, para com isso',
      'pare de chamar as meninas de vagabundas, isso é nojento',
      'quem manda "gay é lixo" aqui vai ser banido',
      'nunca disse que os novatos são idiotas, lê de novo',
    ],
    titles: ['a música "Quero morrer" não sai da minha cabeça', 'li o livro "Morra, seu idiota" e achei genial'],
    wrapped: ['você não é jogador, você é um idiota', '"lixo" é o que você é, otário', 'cala a boca, seu inútil do caralho'],
  },
  fr: {
    counter: [
      'dire que les migrants sont des abrutis, c’est raciste',
      'arrêtez de traiter les filles de salopes, ce n’est pas acceptable',
      'ceux qui écrivent « les gays sont des ordures » seront bannis',
      'je n’ai jamais dit que les nouveaux sont des cons, relis',
    ],
    titles: ['la chanson « Je veux mourir » tourne en boucle chez moi', 'j’ai lu le roman « Crève, connard » et c’était drôle'],
    wrapped: ['t’es pas un joueur, t’es un connard', '« débile », c’est exactement ce que tu es, abruti', 'ferme-la, espèce de salope'],
  },
  de: {
    counter: [
      'Ausländer als Idioten zu bezeichnen ist rassistisch',
      'hör auf, die Mädels hier Schlampen zu nennen, das ist widerlich',
      'wer "Schwule sind Abschaum" schreibt, wird gebannt',
      'ich habe nie gesagt, dass Anfänger Vollidioten sind',
    ],
    titles: ['das Lied "Ich will sterben" läuft bei mir in Dauerschleife', 'hab den Film „Stirb, du Idiot“ gesehen, echt witzig'],
    wrapped: ['du bist kein Spieler, du bist ein Vollidiot', '„Versager“ ist genau das, was du bist, du Idiot', 'halt die Fresse, du Schlampe'],
  },
  ru: {
    counter: [
      'говорить, что приезжие дебилы, это расизм',
      'перестаньте называть девушек шлюхами, это мерзко',
      'кто пишет «геи это мусор», получит бан',
      'я никогда не говорил, что новички идиоты, перечитай',
    ],
    titles: ['песня «Хочу умереть» у меня на повторе', 'посмотрел фильм «Сдохни, урод», очень смешно'],
    wrapped: ['ты не игрок, ты просто дебил', '«урод» это как раз про тебя, идиот', 'заткнись, тупая шлюха'],
  },
  tr: {
    counter: [
      'göçmenlere aptal demek ırkçılık, yapmayın',
      'kızlara orospu demeyi bırakın, bu iğrenç',
      'buraya "eşcinseller çöptür" yazanlar banlanacak',
      'acemilere salak demedim, tekrar oku',
    ],
    titles: ['"Ölmek İstiyorum" şarkısını dinlemeden duramıyorum', '"Geber Aptal" adlı filmi izledim, çok komikti'],
    wrapped: ['sen oyuncu değilsin, sen bir gerizekalısın', '"salak" tam olarak sensin, aptal', 'kapa çeneni orospu'],
  },
  ar: {
    counter: [
      'قول إن اللاجئين أغبياء عنصرية',
      'بطلوا تسموا البنات عاهرات، ده مقرف',
      'اللي يكتب "المثليين زبالة" هيتبند',
      'ما قلتش إن المبتدئين أغبياء، اقرأ تاني',
    ],
    titles: ['أغنية "أريد أن أموت" ما بتفارق بالي', 'شفت فيلم "مت يا غبي" وكان مضحك'],
    wrapped: ['انت مش لاعب، انت غبي', '"حمار" هي بالضبط انت يا غبي', 'اسكت يا حقير'],
  },
  ja: {
    counter: [
      '外国人をバカと呼ぶのは差別です',
      '女の子をビッチと呼ぶのはやめて、不快です',
      '「ゲイはゴミ」と書く人は通報します',
      '初心者がアホだとは思わない',
    ],
    titles: ['「死にたい」という曲をずっと聴いてる', '「死ね、バカ」という映画を見た、笑えた'],
    wrapped: ['お前はプレイヤーじゃない、ただのバカだ', '「ゴミ」ってお前のことだよ、カス', '黙れよ、このクズ'],
  },
  vi: {
    counter: [
      'nói người nhập cư là đồ ngu là phân biệt đối xử',
      'đừng gọi mấy bạn nữ là đồ điếm nữa, ghê tởm lắm',
      'ai viết "bọn đồng tính là rác" sẽ bị ban',
      'mình chưa bao giờ nói người mới là ngu, đọc lại đi',
    ],
    titles: ['bài hát "Tôi muốn chết" nghe hoài không chán', 'xem phim "Chết đi thằng ngu" rồi, buồn cười lắm'],
    wrapped: ['mày không phải người chơi, mày là thằng ngu', '"rác rưởi" chính là mày đấy, đồ ngu', 'im mồm đi con điếm'],
  },
  id: {
    counter: [
      'bilang pendatang itu goblok itu rasis',
      'berhenti memanggil cewek-cewek pelacur, itu menjijikkan',
      'yang nulis "gay itu sampah" bakal diban',
      'aku nggak pernah bilang pemula itu bego, baca lagi',
    ],
    titles: ['lagu "Aku Ingin Mati" terus kuputar', 'nonton film "Mati Kau Bodoh", lucu banget'],
    wrapped: ['kamu bukan pemain, kamu cuma orang goblok', '"sampah" itu kamu, bego', 'diam lu, dasar pelacur'],
  },
};

const rows = (label: Label, lang: string, texts: string[], extra: Partial<Sample> = {}): Sample[] => texts.map((text) => ({ text, label, lang, ...extra }));

export const counterSpeechSamples: Sample[] = Object.entries(languages).flatMap(([lang, l]) => [
  ...rows('benign', lang, [...l.counter, ...l.titles], { hard: true }),
  ...rows('toxicity', lang, l.wrapped),
]);
