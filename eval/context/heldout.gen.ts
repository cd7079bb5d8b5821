// Writes heldout.jsonl: the held-out context cases, made by a different method than tuning.jsonl
// (which was written case by case): per language, a few lures a scammer sends, each also placed in
// frames a member uses to warn about it or talk about it. Never tuned on; change it only to add.
// Run: npx tsx eval/context/heldout.gen.ts > eval/context/heldout.jsonl
interface Lang {
  lures: string[];
  /** `{q}` is the lure as quoted by the member. */
  warn: string[];
}

const langs: Record<string, Lang> = {
  en: {
    lures: ['Free Discord Nitro for everyone this week, grab it before the link expires', 'Restore your wallet now: enter your recovery phrase on the dapp to unlock your airdrop', 'Your account will be suspended in 24h, confirm your login at the link to keep it', 'Hey, I accidentally reported you, message the support team on my profile to fix it', 'Earn $300 a day liking videos, no experience needed, message me for the job'],
    warn: ['just got "{q}" from a random account. classic scam, blocked', 'If you see "{q}" anywhere here, it is phishing — please report it to the mods', 'friendly reminder that "{q}" is a known scam script, do not reply', 'wasn\'t there a scam going around that says "{q}"? my brother fell for it last week'],
  },
  zh: {
    lures: ['群福利：免费领取nitro会员，点击领取', '钱包同步异常，请立即输入助记词完成钱包验证', '您的账号即将被封禁，请点击链接验证身份', '在家刷单兼职，日结300元，私信我了解', '内部消息，带你稳赚，进群领取资料'],
    warn: ['刚收到“{q}”，一看就是骗子，已拉黑', '群里有人发“{q}”，这是诈骗，大家别上当', '我同事就是信了“{q}”被骗了几千块'],
  },
  es: {
    lures: ['Nitro gratis esta semana, reclama tu regalo con el enlace', 'Tu billetera necesita validación, valida tu billetera y reclama tu airdrop', 'Tu cuenta será suspendida, verifica tus datos en el enlace', 'Trabajo desde casa, gana 200 dólares al día, escríbeme', 'Soy del soporte técnico, mándame tu código de verificación'],
    warn: ['me llegó "{q}", obviamente es una estafa, lo bloqueé', 'si ven "{q}" es un fraude, repórtenlo a los mods', 'a mi hermana la estafaron con eso de "{q}"'],
  },
  pt: {
    lures: ['Nitro grátis essa semana, resgate seu presente pelo link', 'Sua carteira precisa de validação, valide sua carteira para o airdrop', 'Sua conta será bloqueada, confirme seus dados no link', 'Trabalhe de casa e ganhe 300 reais por dia, me chama no pv', 'Sou do suporte, me manda o código que chegou no seu celular'],
    warn: ['recebi "{q}", claramente golpe, bloqueei', 'se aparecer "{q}" é golpe, denunciem', 'minha tia caiu no golpe do "{q}"'],
  },
  fr: {
    lures: ['Nitro gratuit cette semaine, réclame ton cadeau via le lien', "Votre portefeuille doit être validé, valider votre portefeuille pour l'airdrop", 'Votre compte sera suspendu, confirmez votre identité via le lien', 'Travail à domicile, gagnez 200 euros par jour, écris-moi', 'Je suis du support, envoie-moi le code reçu par SMS'],
    warn: ['je viens de recevoir « {q} », c\'est une arnaque évidente, bloqué', 'si vous voyez « {q} », c\'est du phishing, signalez-le', 'ma voisine s\'est fait avoir par le coup du « {q} », une vraie escroquerie'],
  },
  de: {
    lures: ['Nitro kostenlos diese Woche, jetzt einlösen über den Link', 'Ihre Wallet muss geprüft werden: Wallet verifizieren und Airdrop sichern', 'Ihr Konto wird gesperrt, bestätigen Sie Ihre Daten über den Link', 'Heimarbeit, 200 Euro am Tag verdienen, schreib mir', 'Ich bin vom Support, schick mir den Code aus der SMS'],
    warn: ['hab gerade „{q}“ bekommen, eindeutig Betrug, blockiert', 'wer „{q}“ sieht: das ist Phishing, bitte den Mods melden', 'mein Onkel ist auf „{q}“ reingefallen, reine Abzocke'],
  },
  ru: {
    lures: ['Бесплатное нитро на этой неделе, забирай по ссылке', 'Ваш кошелёк нужно подтвердить: подтвердите кошелек и получите аирдроп', 'Ваш аккаунт будет заблокирован, подтвердите данные по ссылке', 'Работа на дому, 5000 рублей в день, пиши в лс', 'Я из поддержки, пришли мне код из смс'],
    warn: ['пришло «{q}», явный развод, заблокировал', 'если увидите «{q}» — это мошенники, кидайте репорт', 'мою маму обманули через «{q}»'],
  },
  tr: {
    lures: ['Bu hafta bedava nitro, linke tıkla ve al', 'Cüzdanınızı doğrulayın, airdrop ödülünüz bekliyor', 'Hesabınız askıya alınacak, bilgilerinizi linkten onaylayın', 'Evden çalış, günde 1000 TL kazan, bana yaz', 'Destek ekibindenim, telefonuna gelen kodu gönder'],
    warn: ['"{q}" diye mesaj geldi, resmen dolandırıcılık, engelledim', '"{q}" görürseniz sahte, lütfen bildirin', 'kuzenim "{q}" mesajına kanıp para kaybetti, dolandırıcılar'],
  },
  ar: {
    lures: ['نيترو مجاني هذا الأسبوع، اضغط على الرابط واستلم هديتك', 'تحقق من محفظتك الآن لاستلام التوزيع المجاني', 'سيتم إيقاف حسابك، أكد بياناتك عبر الرابط', 'اعمل من المنزل واربح 100 دولار يوميا، راسلني', 'أنا من الدعم الفني، أرسل لي الرمز الذي وصلك'],
    warn: ['وصلتني رسالة "{q}"، احتيال واضح، حظرته', 'إذا رأيتم "{q}" فهي رسالة مزيفة، بلغوا المشرفين', 'صديقي خسر أمواله بسبب "{q}"، نصابين'],
  },
  ja: {
    lures: ['今週だけニトロ無料プレゼント、リンクをクリックして受け取って', 'ウォレットを認証してエアドロップを受け取ってください', 'アカウントが停止されます、リンクから本人確認してください', '在宅で日給3万円、DMください', 'サポートです、SMSで届いたコードを送ってください'],
    warn: ['「{q}」ってDMが来た、完全に詐欺なのでブロックした', '「{q}」は偽物です、見かけたら通報してください', '友達が「{q}」に騙されてお金を失った'],
  },
  vi: {
    lures: ['Nitro miễn phí tuần này, bấm vào link để nhận quà', 'Xác minh ví của bạn ngay để nhận airdrop', 'Tài khoản của bạn sẽ bị khóa, xác nhận thông tin qua đường link', 'Làm việc tại nhà, kiếm 500k mỗi ngày, nhắn tin cho mình', 'Mình bên hỗ trợ, gửi mình mã OTP bạn vừa nhận'],
    warn: ['vừa nhận tin "{q}", rõ ràng là lừa đảo, chặn rồi', 'ai thấy "{q}" thì đó là giả mạo, báo cho mod nhé', 'bạn mình tin "{q}" rồi bị lừa mất tiền'],
  },
  id: {
    lures: ['Hadiah nitro gratis minggu ini, klik link untuk klaim', 'Validasi dompet kamu sekarang untuk klaim airdrop', 'Akun kamu akan diblokir, konfirmasi data lewat link', 'Kerja dari rumah, dapat 500 ribu per hari, chat saya', 'Saya dari tim dukungan, kirim kode OTP yang masuk'],
    warn: ['barusan dapat "{q}", jelas penipuan, sudah diblokir', 'kalau lihat "{q}" itu palsu, tolong laporkan ke mod', 'temanku tertipu gara-gara "{q}", rugi jutaan'],
  },
};

const out: string[] = [];
for (const [lang, l] of Object.entries(langs)) {
  l.lures.forEach((lure, i) => {
    out.push(JSON.stringify({ id: `h-${lang}-s${i + 1}`, lang, label: 'scam', kind: 'lure', text: lure }));
    l.warn.forEach((frame, j) => {
      out.push(JSON.stringify({ id: `h-${lang}-w${i + 1}${j + 1}`, lang, label: 'benign', kind: 'warning', quotes: `h-${lang}-s${i + 1}`, text: frame.replace('{q}', lure) }));
    });
  });
}
process.stdout.write(out.join('\n') + '\n');
