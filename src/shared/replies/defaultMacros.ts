// The macro library a new community starts with: welcome, rule reminder, warning, scam removed,
// self-harm support resources, appeal received, answer pointer — each in warm/neutral/firm and in
// every reply language. The support macro has no firm variant on purpose: it is never the moment.
// Parses at load: zod must be jitless before that (the console's CSP has no 'unsafe-eval'), whichever
// chunk the bundler puts this module in.
import '../zodSetup';
import type { ReplyLanguage } from './language';
import { MacroLibrarySchema, type Greetings, type Macro, type MacroLibrary, type Situation, type ToneVariants } from './macros';

type ByLanguage = Record<ReplyLanguage, ToneVariants>;

function macro(id: string, title: string, situations: Situation[], greet: boolean, variants: ByLanguage): Macro {
  return { id, title, situations, greet, variants };
}

export const DEFAULT_GREETINGS: Greetings = {
  en: { warm: 'Hi {member}!', neutral: 'Hi {member},', firm: 'Hello {member},' },
  'zh-CN': { warm: '{member}，你好！', neutral: '{member}，你好：', firm: '{member}，您好：' },
  es: { warm: '¡Hola, {member}!', neutral: 'Hola, {member}:', firm: 'Hola, {member}:' },
  ru: { warm: 'Привет, {member}!', neutral: 'Здравствуйте, {member}!', firm: 'Здравствуйте, {member}.' },
  pt: { warm: 'Oi, {member}!', neutral: 'Olá, {member},', firm: 'Olá, {member}.' },
  de: { warm: 'Hallo {member}!', neutral: 'Hallo {member},', firm: 'Hallo {member},' },
  fr: { warm: 'Salut {member} !', neutral: 'Bonjour {member},', firm: 'Bonjour {member},' },
  ja: { warm: '{member}さん、こんにちは！', neutral: '{member}さん、こんにちは。', firm: '{member}さん' },
};

const welcome = macro('welcome', 'Welcome', ['welcome'], true, {
  en: {
    warm: "Welcome to {community}! We're really glad you're here. Have a look at the rules ({rule_link}) and say hi in {channel} whenever you like 😊",
    neutral: 'Welcome to {community}. The rules are here: {rule_link}. Introductions go in {channel}.',
    firm: 'Welcome to {community}. Please read the rules before posting: {rule_link}.',
  },
  'zh-CN': {
    warm: '欢迎来到 {community}！很高兴你加入我们。有空看看社区规则（{rule_link}），也欢迎在 {channel} 打个招呼 😊',
    neutral: '欢迎来到 {community}。社区规则：{rule_link}。自我介绍请发在 {channel}。',
    firm: '欢迎来到 {community}。发言前请先阅读社区规则：{rule_link}。',
  },
  es: {
    warm: '¡Te damos la bienvenida a {community}! Nos alegra mucho tenerte aquí. Echa un vistazo a las normas ({rule_link}) y saluda en {channel} cuando quieras 😊',
    neutral: 'Te damos la bienvenida a {community}. Las normas están aquí: {rule_link}. Las presentaciones van en {channel}.',
    firm: 'Te damos la bienvenida a {community}. Lee las normas antes de publicar: {rule_link}.',
  },
  ru: {
    warm: 'Добро пожаловать в {community}! Мы очень рады, что ты с нами. Загляни в правила ({rule_link}) и поздоровайся в {channel}, когда захочешь 😊',
    neutral: 'Добро пожаловать в {community}. Правила здесь: {rule_link}. Представиться можно в {channel}.',
    firm: 'Добро пожаловать в {community}. Перед тем как писать, прочитайте правила: {rule_link}.',
  },
  pt: {
    warm: 'Boas-vindas ao {community}! Que bom ter você aqui. Dá uma olhada nas regras ({rule_link}) e diga oi em {channel} quando quiser 😊',
    neutral: 'Boas-vindas ao {community}. As regras estão aqui: {rule_link}. As apresentações são feitas em {channel}.',
    firm: 'Boas-vindas ao {community}. Leia as regras antes de postar: {rule_link}.',
  },
  de: {
    warm: 'Willkommen bei {community}! Schön, dass du da bist. Schau dir gern die Regeln an ({rule_link}) und sag in {channel} Hallo 😊',
    neutral: 'Willkommen bei {community}. Die Regeln findest du hier: {rule_link}. Vorstellungen gehören in {channel}.',
    firm: 'Willkommen bei {community}. Bitte lies die Regeln, bevor du schreibst: {rule_link}.',
  },
  fr: {
    warm: "Bienvenue sur {community} ! On est vraiment heureux de t'accueillir. Jette un œil aux règles ({rule_link}) et viens dire bonjour dans {channel} quand tu veux 😊",
    neutral: 'Bienvenue sur {community}. Les règles sont ici : {rule_link}. Les présentations se font dans {channel}.',
    firm: 'Bienvenue sur {community}. Merci de lire les règles avant de publier : {rule_link}.',
  },
  ja: {
    warm: '{community}へようこそ！参加してくれてとてもうれしいです。ルール（{rule_link}）をのぞいてみて、よければ{channel}であいさつしてくださいね 😊',
    neutral: '{community}へようこそ。ルールはこちらです：{rule_link}。自己紹介は{channel}でお願いします。',
    firm: '{community}へようこそ。投稿する前にルールを必ずお読みください：{rule_link}。',
  },
});

const ruleReminder = macro('rule-reminder', 'Rule reminder', ['warning', 'answer'], true, {
  en: {
    warm: 'Just a friendly reminder about our rule on {rule}: {rule_link}. Thanks for helping keep {community} a good place!',
    neutral: 'A reminder of our rule on {rule}: {rule_link}.',
    firm: 'Please follow our rule on {rule}: {rule_link}. Messages that break it will be removed.',
  },
  'zh-CN': {
    warm: '友情提醒一下我们关于「{rule}」的规则：{rule_link}。谢谢你一起维护 {community}！',
    neutral: '提醒：关于「{rule}」的规则见 {rule_link}。',
    firm: '请遵守关于「{rule}」的规则：{rule_link}。违反规则的消息会被删除。',
  },
  es: {
    warm: 'Un recordatorio amistoso sobre nuestra norma de {rule}: {rule_link}. ¡Gracias por ayudar a cuidar {community}!',
    neutral: 'Recordatorio de nuestra norma sobre {rule}: {rule_link}.',
    firm: 'Respeta nuestra norma sobre {rule}: {rule_link}. Los mensajes que la incumplan se eliminarán.',
  },
  ru: {
    warm: 'Дружеское напоминание о нашем правиле «{rule}»: {rule_link}. Спасибо, что помогаешь сохранять {community} уютным!',
    neutral: 'Напоминаем о правиле «{rule}»: {rule_link}.',
    firm: 'Соблюдайте правило «{rule}»: {rule_link}. Сообщения, нарушающие его, будут удалены.',
  },
  pt: {
    warm: 'Um lembrete amigável sobre a nossa regra de {rule}: {rule_link}. Obrigado por ajudar a cuidar do {community}!',
    neutral: 'Lembrete da nossa regra sobre {rule}: {rule_link}.',
    firm: 'Siga a nossa regra sobre {rule}: {rule_link}. Mensagens que a descumprirem serão removidas.',
  },
  de: {
    warm: 'Eine freundliche Erinnerung an unsere Regel zu {rule}: {rule_link}. Danke, dass du {community} mit uns pflegst!',
    neutral: 'Erinnerung an unsere Regel zu {rule}: {rule_link}.',
    firm: 'Bitte halte dich an unsere Regel zu {rule}: {rule_link}. Nachrichten, die dagegen verstoßen, werden entfernt.',
  },
  fr: {
    warm: "Petit rappel amical de notre règle sur {rule} : {rule_link}. Merci d'aider à garder {community} agréable !",
    neutral: 'Rappel de notre règle sur {rule} : {rule_link}.',
    firm: "Merci de respecter notre règle sur {rule} : {rule_link}. Les messages qui l'enfreignent seront supprimés.",
  },
  ja: {
    warm: '「{rule}」に関するルールについて、念のためお知らせです：{rule_link}。{community}を一緒に守ってくれてありがとうございます！',
    neutral: '「{rule}」に関するルールのお知らせです：{rule_link}。',
    firm: '「{rule}」に関するルールを守ってください：{rule_link}。違反したメッセージは削除されます。',
  },
});

const warning = macro('warning', 'Warning', ['warning'], true, {
  en: {
    warm: "We had to remove your message in {channel} because it goes against our rule on {rule} ({rule_link}). It's an easy one to miss, so thanks for keeping it in mind from now on. If you think we got it wrong, you can appeal here: {appeal_link}.",
    neutral: 'This is a warning for breaking our rule on {rule} in {channel} ({rule_link}). If you believe this was a mistake, you can appeal: {appeal_link}.',
    firm: 'This is a formal warning for breaking our rule on {rule} ({rule_link}). A further break of this rule will lead to a timeout. Appeals: {appeal_link}.',
  },
  'zh-CN': {
    warm: '你在 {channel} 的消息不符合我们关于「{rule}」的规则（{rule_link}），所以我们把它删除了。这条规则很容易忽略，之后留意一下就好，谢谢！如果你觉得处理有误，可以在这里申诉：{appeal_link}。',
    neutral: '这是一次警告：你在 {channel} 的消息违反了关于「{rule}」的规则（{rule_link}）。如认为有误，可以申诉：{appeal_link}。',
    firm: '这是一次正式警告：你的消息违反了关于「{rule}」的规则（{rule_link}）。再次违反将被禁言。申诉：{appeal_link}。',
  },
  es: {
    warm: 'Tuvimos que eliminar tu mensaje en {channel} porque va contra nuestra norma sobre {rule} ({rule_link}). Es fácil pasarlo por alto; gracias por tenerlo en cuenta. Si crees que nos equivocamos, puedes apelar aquí: {appeal_link}.',
    neutral: 'Esto es una advertencia por incumplir nuestra norma sobre {rule} en {channel} ({rule_link}). Si crees que es un error, puedes apelar: {appeal_link}.',
    firm: 'Esto es una advertencia formal por incumplir nuestra norma sobre {rule} ({rule_link}). Otro incumplimiento supondrá una suspensión temporal. Apelaciones: {appeal_link}.',
  },
  ru: {
    warm: 'Нам пришлось удалить твоё сообщение в {channel}, потому что оно нарушает правило «{rule}» ({rule_link}). Это легко упустить из виду, спасибо, что будешь иметь это в виду. Если считаешь, что мы ошиблись, можно подать апелляцию: {appeal_link}.',
    neutral: 'Это предупреждение за нарушение правила «{rule}» в {channel} ({rule_link}). Если вы считаете это ошибкой, подайте апелляцию: {appeal_link}.',
    firm: 'Это официальное предупреждение за нарушение правила «{rule}» ({rule_link}). Повторное нарушение приведёт к временному ограничению. Апелляции: {appeal_link}.',
  },
  pt: {
    warm: 'Tivemos que remover a sua mensagem em {channel} porque ela vai contra a nossa regra sobre {rule} ({rule_link}). É fácil deixar passar, então obrigado por prestar atenção daqui pra frente. Se achar que nos enganamos, você pode recorrer aqui: {appeal_link}.',
    neutral: 'Este é um aviso por descumprir a nossa regra sobre {rule} em {channel} ({rule_link}). Se acha que foi um engano, você pode recorrer: {appeal_link}.',
    firm: 'Este é um aviso formal por descumprir a nossa regra sobre {rule} ({rule_link}). Um novo descumprimento levará a uma suspensão temporária. Recursos: {appeal_link}.',
  },
  de: {
    warm: 'Wir mussten deine Nachricht in {channel} entfernen, weil sie gegen unsere Regel zu {rule} verstößt ({rule_link}). Das übersieht man leicht, danke, dass du künftig darauf achtest. Wenn du meinst, dass wir uns geirrt haben, kannst du hier Einspruch einlegen: {appeal_link}.',
    neutral: 'Dies ist eine Verwarnung wegen eines Verstoßes gegen unsere Regel zu {rule} in {channel} ({rule_link}). Wenn du das für einen Irrtum hältst, kannst du Einspruch einlegen: {appeal_link}.',
    firm: 'Dies ist eine förmliche Verwarnung wegen eines Verstoßes gegen unsere Regel zu {rule} ({rule_link}). Ein weiterer Verstoß führt zu einer vorübergehenden Sperre. Einspruch: {appeal_link}.',
  },
  fr: {
    warm: "Nous avons dû supprimer ton message dans {channel}, car il va à l'encontre de notre règle sur {rule} ({rule_link}). C'est facile à manquer, merci d'y faire attention à l'avenir. Si tu penses que nous nous sommes trompés, tu peux faire appel ici : {appeal_link}.",
    neutral: "Ceci est un avertissement pour non-respect de notre règle sur {rule} dans {channel} ({rule_link}). Si tu penses qu'il s'agit d'une erreur, tu peux faire appel : {appeal_link}.",
    firm: 'Ceci est un avertissement formel pour non-respect de notre règle sur {rule} ({rule_link}). Une nouvelle infraction entraînera une exclusion temporaire. Appels : {appeal_link}.',
  },
  ja: {
    warm: '{channel}でのメッセージが「{rule}」のルール（{rule_link}）に反していたため、削除させていただきました。見落としやすいルールなので、今後気をつけてもらえるとうれしいです。判断が間違っていると思う場合は、こちらから異議申し立てができます：{appeal_link}。',
    neutral: '{channel}でのメッセージが「{rule}」のルール（{rule_link}）に違反していたため、警告とします。誤りだと思う場合は異議申し立てができます：{appeal_link}。',
    firm: '「{rule}」のルール（{rule_link}）違反により、正式に警告します。再度違反した場合は一時的な発言制限となります。異議申し立て：{appeal_link}。',
  },
});

const scamRemoved = macro('scam-removed', 'Scam removed (to the channel)', ['warning'], false, {
  en: {
    warm: "Heads up: we removed a message in {channel} that linked to a scam. Please don't click it, and never share your password or recovery phrase. Thanks for looking out for each other!",
    neutral: 'We removed a scam link from {channel}. Do not click links that promise free gifts, and never share your password or recovery phrase.',
    firm: 'A scam link was removed from {channel}. Do not click it. Staff will never ask for your password or recovery phrase.',
  },
  'zh-CN': {
    warm: '提醒大家：我们删除了 {channel} 里的一条诈骗链接。请不要点击，也不要向任何人透露密码或助记词。谢谢大家互相提醒！',
    neutral: '我们已删除 {channel} 中的诈骗链接。不要点击承诺免费礼品的链接，也不要透露密码或助记词。',
    firm: '{channel} 中的诈骗链接已被删除。请勿点击。管理员绝不会索要你的密码或助记词。',
  },
  es: {
    warm: 'Aviso: eliminamos un mensaje en {channel} con un enlace a una estafa. No lo abras y nunca compartas tu contraseña ni tu frase de recuperación. ¡Gracias por cuidaros entre todos!',
    neutral: 'Eliminamos un enlace de estafa en {channel}. No abras enlaces que prometen regalos gratis y nunca compartas tu contraseña ni tu frase de recuperación.',
    firm: 'Se eliminó un enlace de estafa en {channel}. No lo abras. El equipo nunca te pedirá tu contraseña ni tu frase de recuperación.',
  },
  ru: {
    warm: 'Внимание: мы удалили в {channel} сообщение со ссылкой на мошеннический сайт. Не переходите по ней и никому не сообщайте пароль или фразу восстановления. Спасибо, что присматриваете друг за другом!',
    neutral: 'Мы удалили мошенническую ссылку из {channel}. Не открывайте ссылки с обещаниями бесплатных подарков и никому не сообщайте пароль или фразу восстановления.',
    firm: 'Мошенническая ссылка в {channel} удалена. Не открывайте её. Команда модераторов никогда не просит ваш пароль или фразу восстановления.',
  },
  pt: {
    warm: 'Atenção: removemos uma mensagem em {channel} com um link de golpe. Não clique nele e nunca compartilhe sua senha ou frase de recuperação. Obrigado por cuidarem uns dos outros!',
    neutral: 'Removemos um link de golpe em {channel}. Não clique em links que prometem presentes grátis e nunca compartilhe sua senha ou frase de recuperação.',
    firm: 'Um link de golpe foi removido de {channel}. Não clique nele. A equipe nunca vai pedir sua senha ou frase de recuperação.',
  },
  de: {
    warm: 'Achtung: Wir haben in {channel} eine Nachricht mit einem Betrugslink entfernt. Bitte klickt nicht darauf und gebt niemals euer Passwort oder eure Wiederherstellungsphrase weiter. Danke, dass ihr aufeinander aufpasst!',
    neutral: 'Wir haben einen Betrugslink aus {channel} entfernt. Klickt nicht auf Links, die Gratisgeschenke versprechen, und gebt niemals euer Passwort oder eure Wiederherstellungsphrase weiter.',
    firm: 'Ein Betrugslink wurde aus {channel} entfernt. Bitte nicht anklicken. Das Team fragt niemals nach eurem Passwort oder eurer Wiederherstellungsphrase.',
  },
  fr: {
    warm: 'Attention : nous avons supprimé dans {channel} un message contenant un lien frauduleux. Ne cliquez pas dessus et ne partagez jamais votre mot de passe ou votre phrase de récupération. Merci de veiller les uns sur les autres !',
    neutral: 'Nous avons supprimé un lien frauduleux dans {channel}. Ne cliquez pas sur les liens qui promettent des cadeaux gratuits et ne partagez jamais votre mot de passe ou votre phrase de récupération.',
    firm: "Un lien frauduleux a été supprimé de {channel}. Ne cliquez pas dessus. L'équipe ne vous demandera jamais votre mot de passe ou votre phrase de récupération.",
  },
  ja: {
    warm: 'お知らせ：{channel}で詐欺リンクを含むメッセージを削除しました。リンクは開かず、パスワードや復元フレーズは誰にも教えないでくださいね。みなさん、注意し合ってくれてありがとうございます！',
    neutral: '{channel}の詐欺リンクを削除しました。無料プレゼントをうたうリンクは開かず、パスワードや復元フレーズは絶対に共有しないでください。',
    firm: '{channel}の詐欺リンクを削除しました。開かないでください。運営がパスワードや復元フレーズを尋ねることは絶対にありません。',
  },
});

const supportResources = macro('support-resources', 'Self-harm support resources', ['self-harm'], true, {
  en: {
    warm: "I'm really sorry you're going through this, and I'm glad you said something. You're not alone, and we care about you. If you're in danger right now, please call your local emergency number. You can also reach a crisis line any time: {support_link}. If you want to talk, I'm here.",
    neutral: "Thank you for telling us. If you're thinking about hurting yourself, please reach out to a crisis line: {support_link}. If you're in immediate danger, call your local emergency number. We're here if you want to talk.",
  },
  'zh-CN': {
    warm: '听到你正在经历这些，我真的很难过，也很高兴你愿意说出来。你不是一个人，我们关心你。如果你现在有危险，请立即拨打当地的紧急电话。你也可以随时联系心理援助热线：{support_link}。想聊的话，我一直在。',
    neutral: '谢谢你告诉我们。如果你有伤害自己的想法，请联系心理援助热线：{support_link}。如果情况紧急，请拨打当地紧急电话。想聊的话，我们在这里。',
  },
  es: {
    warm: 'Siento mucho que estés pasando por esto, y me alegra que lo hayas contado. No estás solo ni sola: nos importas. Si estás en peligro ahora mismo, llama al número de emergencias local. También puedes contactar con una línea de crisis en cualquier momento: {support_link}. Si quieres hablar, aquí estoy.',
    neutral: 'Gracias por contárnoslo. Si estás pensando en hacerte daño, contacta con una línea de crisis: {support_link}. Si estás en peligro inmediato, llama al número de emergencias local. Estamos aquí si quieres hablar.',
  },
  ru: {
    warm: 'Мне очень жаль, что тебе сейчас так тяжело, и хорошо, что ты об этом рассказал(а). Ты не один, нам не всё равно. Если тебе угрожает опасность прямо сейчас, позвони в местную экстренную службу. Также можно в любое время обратиться на линию помощи: {support_link}. Если хочешь поговорить, я здесь.',
    neutral: 'Спасибо, что рассказали. Если у вас есть мысли причинить себе вред, обратитесь на линию помощи: {support_link}. При непосредственной опасности звоните в местную экстренную службу. Мы рядом, если захотите поговорить.',
  },
  pt: {
    warm: 'Sinto muito que você esteja passando por isso, e fico feliz que tenha falado. Você não está sozinho: a gente se importa com você. Se estiver em perigo agora, ligue para o número de emergência local. Você também pode procurar uma linha de apoio a qualquer hora: {support_link}. Se quiser conversar, estou aqui.',
    neutral: 'Obrigado por nos contar. Se você está pensando em se machucar, procure uma linha de apoio: {support_link}. Se estiver em perigo imediato, ligue para o número de emergência local. Estamos aqui se quiser conversar.',
  },
  de: {
    warm: 'Es tut mir wirklich leid, dass du das gerade durchmachst, und ich bin froh, dass du es erzählt hast. Du bist nicht allein, du bist uns wichtig. Wenn du gerade in Gefahr bist, ruf bitte die örtliche Notrufnummer an. Du kannst dich auch jederzeit an eine Krisenhotline wenden: {support_link}. Wenn du reden möchtest, ich bin da.',
    neutral: 'Danke, dass du es uns erzählt hast. Wenn du daran denkst, dir etwas anzutun, wende dich bitte an eine Krisenhotline: {support_link}. Bei akuter Gefahr ruf die örtliche Notrufnummer an. Wir sind da, wenn du reden möchtest.',
  },
  fr: {
    warm: "Je suis vraiment désolé que tu traverses ça, et content que tu en aies parlé. Tu n'es pas seul, tu comptes pour nous. Si tu es en danger en ce moment, appelle le numéro d'urgence local. Tu peux aussi joindre une ligne d'écoute à tout moment : {support_link}. Si tu veux parler, je suis là.",
    neutral: "Merci de nous en avoir parlé. Si tu penses à te faire du mal, contacte une ligne d'écoute : {support_link}. En cas de danger immédiat, appelle le numéro d'urgence local. Nous sommes là si tu veux parler.",
  },
  ja: {
    warm: 'つらい思いをしているんですね。話してくれて本当にありがとう。あなたはひとりではありません。私たちはあなたのことを大切に思っています。今すぐ危険な状況なら、地域の緊急番号に電話してください。いつでも相談窓口にも連絡できます：{support_link}。話したいときは、ここにいますよ。',
    neutral: '話してくれてありがとうございます。自分を傷つけたいと思っているなら、相談窓口に連絡してください：{support_link}。差し迫った危険がある場合は、地域の緊急番号に電話してください。話したいときは、私たちがここにいます。',
  },
});

const appealReceived = macro('appeal-received', 'Appeal received', ['appeal'], true, {
  en: {
    warm: "Thanks for reaching out about your case. A moderator who wasn't involved will review it and get back to you soon. We appreciate your patience.",
    neutral: 'We received your appeal. A different moderator will review it and reply here.',
    firm: 'Your appeal was received and will be reviewed by a different moderator. Please do not open duplicate appeals.',
  },
  'zh-CN': {
    warm: '谢谢你联系我们。一位没有参与此事的管理员会审核你的申诉，并尽快回复你。感谢你的耐心。',
    neutral: '我们已收到你的申诉。另一位管理员会审核并在这里回复。',
    firm: '你的申诉已收到，将由另一位管理员审核。请不要重复提交申诉。',
  },
  es: {
    warm: 'Gracias por escribirnos sobre tu caso. Un moderador que no participó lo revisará y te responderá pronto. Gracias por tu paciencia.',
    neutral: 'Hemos recibido tu apelación. Otro moderador la revisará y te responderá aquí.',
    firm: 'Tu apelación se ha recibido y la revisará otro moderador. No abras apelaciones duplicadas.',
  },
  ru: {
    warm: 'Спасибо, что написал(а) нам о своём случае. Модератор, который не участвовал в решении, рассмотрит его и скоро ответит. Спасибо за терпение.',
    neutral: 'Мы получили вашу апелляцию. Другой модератор рассмотрит её и ответит здесь.',
    firm: 'Ваша апелляция получена и будет рассмотрена другим модератором. Не подавайте повторные апелляции.',
  },
  pt: {
    warm: 'Obrigado por nos escrever sobre o seu caso. Um moderador que não participou vai analisar e responder em breve. Agradecemos a sua paciência.',
    neutral: 'Recebemos o seu recurso. Outro moderador vai analisar e responder aqui.',
    firm: 'O seu recurso foi recebido e será analisado por outro moderador. Não abra recursos duplicados.',
  },
  de: {
    warm: 'Danke, dass du dich wegen deines Falls meldest. Jemand aus dem Moderationsteam, der nicht beteiligt war, prüft ihn und meldet sich bald. Danke für deine Geduld.',
    neutral: 'Wir haben deinen Einspruch erhalten. Eine andere Person aus dem Moderationsteam prüft ihn und antwortet hier.',
    firm: 'Dein Einspruch ist eingegangen und wird von einer anderen Person aus dem Moderationsteam geprüft. Bitte reiche keine doppelten Einsprüche ein.',
  },
  fr: {
    warm: "Merci de nous avoir écrit au sujet de ton dossier. Un modérateur qui n'était pas impliqué va l'examiner et te répondre bientôt. Merci pour ta patience.",
    neutral: "Nous avons bien reçu ton appel. Un autre modérateur va l'examiner et te répondre ici.",
    firm: "Ton appel a été reçu et sera examiné par un autre modérateur. Merci de ne pas ouvrir d'appels en double.",
  },
  ja: {
    warm: 'ご連絡ありがとうございます。この件に関わっていないモデレーターが確認し、近いうちにお返事します。お待ちいただきありがとうございます。',
    neutral: '異議申し立てを受け付けました。別のモデレーターが確認し、ここでお返事します。',
    firm: '異議申し立てを受け付けました。別のモデレーターが審査します。同じ内容の申し立てを重複して送らないでください。',
  },
});

const answerPointer = macro('answer-pointer', 'Point to the help channel', ['answer'], true, {
  en: {
    warm: 'Great question! The folks in {help_channel} are the best people to help with this, so feel free to ask there.',
    neutral: 'For help with this, please ask in {help_channel}.',
    firm: 'Support questions belong in {help_channel}. Please ask there.',
  },
  'zh-CN': {
    warm: '好问题！{help_channel} 里的伙伴最擅长解答这个，欢迎去那里问问。',
    neutral: '这个问题请到 {help_channel} 提问。',
    firm: '求助类问题请发在 {help_channel}。',
  },
  es: {
    warm: '¡Buena pregunta! En {help_channel} te pueden ayudar mejor con esto; pregunta allí sin problema.',
    neutral: 'Para recibir ayuda con esto, pregunta en {help_channel}.',
    firm: 'Las preguntas de soporte van en {help_channel}. Pregunta allí, por favor.',
  },
  ru: {
    warm: 'Хороший вопрос! Лучше всего с этим помогут в {help_channel}, смело спрашивай там.',
    neutral: 'С этим вопросом обратитесь, пожалуйста, в {help_channel}.',
    firm: 'Вопросы поддержки задаются в {help_channel}. Пожалуйста, спросите там.',
  },
  pt: {
    warm: 'Ótima pergunta! O pessoal de {help_channel} é quem melhor ajuda com isso, pode perguntar lá.',
    neutral: 'Para ajuda com isso, pergunte em {help_channel}.',
    firm: 'Perguntas de suporte ficam em {help_channel}. Pergunte lá, por favor.',
  },
  de: {
    warm: 'Gute Frage! In {help_channel} kann man dir dabei am besten helfen, frag dort gern nach.',
    neutral: 'Für Hilfe dazu frag bitte in {help_channel}.',
    firm: 'Support-Fragen gehören in {help_channel}. Bitte frag dort.',
  },
  fr: {
    warm: "Bonne question ! Les personnes de {help_channel} sont les mieux placées pour t'aider, n'hésite pas à demander là-bas.",
    neutral: "Pour de l'aide à ce sujet, demande dans {help_channel}.",
    firm: "Les questions d'assistance se posent dans {help_channel}. Merci de demander là-bas.",
  },
  ja: {
    warm: 'いい質問ですね！これについては{help_channel}のみなさんが一番詳しいので、ぜひそちらで聞いてみてください。',
    neutral: 'この件については{help_channel}で質問してください。',
    firm: 'サポートに関する質問は{help_channel}でお願いします。',
  },
});

/** Parsed once so the defaults are held to the same schema as a community's own library. */
export const DEFAULT_MACRO_LIBRARY: MacroLibrary = MacroLibrarySchema.parse({
  greetings: DEFAULT_GREETINGS,
  macros: [welcome, ruleReminder, warning, scamRemoved, supportResources, appealReceived, answerPointer],
});
