// The rule pack a new community starts with: scam, phishing, spam, toxicity and care signals in
// English and Chinese first, plus the common terms of Spanish, Russian, Portuguese, Indonesian,
// Japanese, German, French, Arabic, Turkish and Vietnamese communities. Plain data, editable.
import type { RulePackInput } from './pack';

/** Words that mark a message as a warning about a scam rather than the scam itself. */
const warningTerms = [
  'scam', 'scams', 'scammer', 'scammers', 'scammed', 'fake', 'phishing', 'beware', 'careful', 'be careful', 'watch out', 'warning',
  'dont click', "don't click", 'do not click', 'never click', 'report', 'reported', 'ignore', 'is this legit', 'is this real',
  'never share', "don't share", 'do not share', 'never give', 'never ask', 'will never dm', 'never dm', 'hacked', 'compromised', 'psa',
  '骗子', '诈骗', '骗局', '小心', '别点', '不要点', '假的', '举报', '别信', '不要信', '谨防', '防骗', '被骗',
  'estafa', 'estafador', 'cuidado', 'мошенник', 'мошенники', 'развод', 'осторожно', 'golpe', 'golpista', 'cuidado com',
  'penipuan', 'penipu', 'hati-hati', '詐欺', '注意', 'betrug', 'vorsicht', 'arnaque', 'احتيال', 'نصاب',
  'dolandırıcı', 'dolandırıcılık', 'dikkat', 'lừa đảo', 'cẩn thận',
];

const contactTerms = [
  'dm me', 'pm me', 'message me', 'msg me', 'text me', 'inbox me', 'write me', 'contact me', 'dm for', 'send me a dm', 'add me',
  'whatsapp me', 'telegram me', 'hit me up',
  '加v', '加微', '加微信', '加我', '加我微信', '微信', '威信', 'vx', 'wx', '私聊', '私信', '私信我', '加q', '扣扣', '进群', '加群', '拉你进群', '飞机',
  'escríbeme', 'mándame', 'напиши мне', 'пиши в лс', 'в лс', 'me chama', 'chama no pv', 'chat saya', 'dm saya', 'hubungi',
  'dmください', 'schreib mir', 'écris-moi', 'contacte moi', 'راسلني', 'bana yaz', 'nhắn tin', 'inbox mình',
];

export const defaultPack: RulePackInput = {
  id: 'tribekeeper-default',
  name: 'Tribekeeper default rules',
  version: 1,
  model: { enabled: true },
  allow: ['scunthorpe', 'penistone', 'cocktail', 'assessment', 'assassin', 'classic', 'grape', 'therapist', 'analysis', 'shitake', 'cockpit', 'hancock', 'dickens', 'sussex', 'middlesex'],
  domains: {
    allow: [],
    protect: [
      'discord.com', 'discord.gg', 'discordapp.com', 'steamcommunity.com', 'steampowered.com', 'telegram.org', 'whatsapp.com',
      'metamask.io', 'opensea.io', 'binance.com', 'coinbase.com', 'paypal.com', 'roblox.com', 'epicgames.com', 'google.com',
      'microsoft.com', 'apple.com', 'instagram.com', 'facebook.com', 'twitter.com', 'youtube.com', 'twitch.tv', 'github.com',
      'uniswap.org', 'pancakeswap.finance', 'trustwallet.com', 'phantom.app', 'blockchain.com', 'kraken.com', 'bybit.com', 'okx.com',
    ],
    shorteners: ['bit.ly', 'tinyurl.com', 't.co', 'goo.gl', 'is.gd', 'cutt.ly', 'rb.gy', 'shorturl.at', 'ow.ly', 'tiny.cc', 'rebrand.ly', 'bl.ink', 'v.gd', 'shorte.st', 'adf.ly', 'linktr.ee', 'dwz.cn', 'suo.im', 'url.cn', 't.cn', 'clck.ru'],
    ownInvites: [],
  },
  staffNames: [],
  rules: [
    {
      id: 'scam.gift-lure',
      description: 'Free Nitro/Steam/skins/gift lures',
      category: 'scam',
      severity: 'high',
      reason: 'Gift/giveaway lure ({match})',
      actions: [{ type: 'hold' }],
      // Signals, not certainties: a hold takes members' messages down, so it starts as a dry run the team turns off.
      dryRun: true,
      trigger: {
        type: 'signals',
        threshold: 3,
        require: ['gift', 'strong'],
        features: { link: 1.5, invite: 0, mentions: 0.5, newMember: 1 },
        groups: [
          {
            name: 'strong',
            weight: 3,
            terms: [
              'free nitro', 'free discord nitro', 'nitro for free', 'nitro free', 'nitro giveaway', 'nitro gift', 'steam gift', 'free steam gift',
              'free skins', 'free skin', 'free robux', 'free vbucks', 'free v bucks', 'free gift card', 'free csgo skins', 'free cs2 skins',
              'free giveaway', 'giving away nitro', 'nitro drop', 'discord gift', 'nitro 3 months free', '3 months of nitro', '1 month of nitro',
              'claim your nitro', 'claim your gift', 'claim your reward', 'claim your prize', 'you have been gifted', 'you ve been gifted',
              '免费nitro', '免费领取', '免费送', '免费领', '领取福利', '点击领取', '私聊领取', '免费皮肤', '送皮肤', '白嫖',
              'nitro gratis', 'regalo de nitro', 'skins gratis', 'бесплатный нитро', 'бесплатное нитро', 'нитро бесплатно', 'раздача нитро', 'бесплатные скины',
              'nitro grátis', 'nitro gratuito', 'skins grátis', 'nitro gratis', 'hadiah nitro', 'skin gratis', 'ニトロ無料', '無料nitro', '無料プレゼント',
              'kostenloses nitro', 'nitro kostenlos', 'nitro gratuit', 'skins gratuits', 'نيترو مجاني', 'نيترو مجانا', 'bedava nitro', 'ücretsiz nitro',
              'nitro miễn phí', 'skin miễn phí',
            ],
          },
          {
            name: 'gift',
            weight: 1,
            terms: [
              'free', 'gift', 'gifts', 'giveaway', 'giving away', 'reward', 'rewards', 'prize', 'bonus', 'drop', 'airdrop', 'won', 'winner', 'you won',
              '免费', '送', '福利', '红包', '奖励', '中奖', '赠送', 'gratis', 'regalo', 'premio', 'бесплатно', 'подарок', 'раздача', 'приз',
              'grátis', 'presente', 'prêmio', 'hadiah', 'menang', '無料', 'プレゼント', '当選', 'kostenlos', 'geschenk', 'gewinn', 'gratuit', 'cadeau',
              'مجانا', 'مجاني', 'هدية', 'bedava', 'ücretsiz', 'hediye', 'miễn phí', 'quà tặng', 'tặng',
            ],
          },
          {
            name: 'product',
            weight: 1,
            terms: [
              'nitro', 'steam', 'skins', 'skin', 'robux', 'vbucks', 'v bucks', 'csgo', 'cs2', 'knife', 'gift card', 'giftcard', 'boost', 'boosts',
              'usdt', 'btc', 'eth', 'crypto', 'iphone', 'ps5', '皮肤', '会员', '点卡', 'ニトロ', 'нитро', 'скины',
            ],
          },
          {
            name: 'action',
            weight: 1,
            terms: [
              'claim', 'claim it', 'redeem', 'get yours', 'get it now', 'grab', 'grab it', 'click', 'click here', 'click the link', 'collect', 'first come',
              'first 100', 'limited', 'hurry', 'only today', 'link below', 'join now', 'activate',
              '领取', '点击', '点链接', '限时', '先到先得', '扫码', 'reclama', 'reclamar', 'canjea', 'получить', 'забрать', 'забирай', 'жми',
              'resgate', 'resgatar', 'clique', 'klaim', 'ambil', 'klik', '受け取', 'クリック', 'einlösen', 'klicke', 'réclame', 'réclamer', 'clique ici',
              'استلم', 'اضغط', 'tıkla', 'nhận', 'bấm',
            ],
          },
          { name: 'legit', weight: 2, terms: ['not a scam', 'no scam', '100 legit', '100% legit', 'legit giveaway', 'not fake', '不是骗子', '真实有效'] },
          // The author's own call to claim, which a warning does not make: "beware of fakes! claim your
          // free nitro here" borrows the warning's words and is the lure (the context stage still lets
          // "don't claim your …, it's a scam" and quoted lures through as warnings).
          {
            name: 'own call',
            weight: 4,
            terms: ['claim your', 'claim yours', 'claim it here', 'claim here', 'grab yours', 'get yours', 'redeem your', 'redeem here', 'real giveaway', 'official giveaway', 'official drop', 'nhận tại đây', 'nhận ngay'],
          },
          { name: 'warning', weight: -4, terms: warningTerms },
        ],
      },
    },
    {
      id: 'scam.crypto-wallet',
      description: 'Wallet drainer lures: validate/restore/sync your wallet, seed phrases, fake airdrops',
      category: 'scam',
      severity: 'high',
      reason: 'Crypto wallet lure ({match})',
      actions: [{ type: 'hold' }],
      // Signals, not certainties: a hold takes members' messages down, so it starts as a dry run the team turns off.
      dryRun: true,
      trigger: {
        type: 'signals',
        threshold: 3,
        require: ['wallet', 'airdrop', 'strong'],
        features: { link: 1.5, invite: 0, mentions: 0, newMember: 1 },
        groups: [
          {
            name: 'strong',
            weight: 3,
            terms: [
              'validate your wallet', 'verify your wallet', 'restore your wallet', 'sync your wallet', 'synchronize your wallet', 'connect your wallet to claim',
              'rectify your wallet', 'migrate your wallet', 'enter your seed phrase', 'send your seed phrase', 'share your seed phrase', 'send me your seed',
              'enter your recovery phrase', 'wallet validation', 'wallet synchronization', 'claim your airdrop', 'airdrop is live', 'claim airdrop',
              'double your crypto', 'double your btc', 'double your eth', 'send 1 eth get 2', 'send eth receive',
              '助记词发我', '发助记词', '输入助记词', '钱包验证', '验证钱包', '领取空投', '空投领取', '同步钱包',
              'valida tu billetera', 'reclama tu airdrop', 'подтвердите кошелек', 'восстановить кошелек', 'valide sua carteira', 'validasi dompet',
              'ウォレットを認証', 'wallet verifizieren', 'valider votre portefeuille', 'تحقق من محفظتك', 'cüzdanınızı doğrulayın', 'xác minh ví',
            ],
          },
          {
            name: 'wallet',
            weight: 1,
            terms: [
              'wallet', 'wallets', 'seed phrase', 'recovery phrase', 'secret phrase', 'private key', 'metamask', 'trust wallet', 'phantom', 'ledger', '12 words',
              '钱包', '助记词', '私钥', 'billetera', 'cartera', 'кошелек', 'кошелёк', 'carteira', 'dompet', 'ウォレット', 'portefeuille', 'محفظة', 'cüzdan', 'ví điện tử', 'ví tiền',
            ],
          },
          {
            name: 'lure',
            weight: 1,
            terms: [
              'validate', 'verify', 'restore', 'sync', 'synchronize', 'rectify', 'migrate', 'unlock', 'connect', 'claim', 'whitelist',
              'mint now', 'free mint', 'double', 'giveaway', '领取', '验证', '同步', '解锁', 'reclamar', 'validar', 'получить', 'подтвердить',
              'validar', 'klaim', 'verifizieren', 'valider', 'doğrula', 'xác minh', 'nhận',
            ],
          },
          { name: 'airdrop', weight: 1, terms: ['airdrop', 'airdrops', 'air drop', 'token drop', 'free tokens', 'free mint', '空投', 'エアドロップ', 'аирдроп', 'аирдроп'] },
          { name: 'support', weight: 1, terms: ['support team', 'support ticket', 'helpdesk', 'help desk', 'dapp', 'dapps', 'new contract', '客服'] },
          { name: 'contact', weight: 1, terms: contactTerms },
          { name: 'warning', weight: -4, terms: [...warningTerms, 'never share your seed', 'nobody will ask', 'no one will ask', 'never ask for'] },
        ],
      },
    },
    {
      id: 'scam.fake-support',
      description: 'Fake support: "I am support, DM me" / "open a ticket with me"',
      category: 'scam',
      severity: 'high',
      reason: 'Fake support offer ({match})',
      trigger: {
        type: 'signals',
        threshold: 3,
        require: ['support'],
        features: { link: 1, invite: 1, mentions: 0, newMember: 1 },
        groups: [
          {
            name: 'support',
            weight: 1.5,
            terms: [
              'support team', 'customer support', 'customer service', 'support agent', 'helpdesk', 'help desk', 'technical support', 'tech support',
              'support ticket', 'open a ticket', 'raise a ticket', 'i am an admin', 'i am a moderator', 'i m an admin', 'i m a mod', 'im an admin', 'official support',
              'discord staff', 'discord support', 'steam support', 'binance support', 'metamask support',
              '客服', '官方客服', '人工客服', '技术支持', 'soporte', 'soporte técnico', 'служба поддержки', 'техподдержка', 'suporte', 'dukungan', 'サポート',
              'kundendienst', 'support technique', 'الدعم الفني', 'destek ekibi', 'hỗ trợ',
            ],
          },
          { name: 'contact', weight: 1.5, terms: contactTerms },
          { name: 'problem', weight: 0.5, terms: ['issue', 'problem', 'refund', 'withdrawal', 'wallet', 'account', 'help', 'stuck', 'resolve', '问题', '退款', '提现'] },
          { name: 'warning', weight: -4, terms: warningTerms },
        ],
      },
    },
    {
      id: 'scam.investment',
      description: 'Guaranteed returns, signal groups and trading "teachers"',
      category: 'scam',
      severity: 'high',
      reason: 'Investment scam pitch ({match})',
      trigger: {
        type: 'signals',
        threshold: 3,
        require: ['guarantee', 'strong'],
        features: { link: 0.5, invite: 1, mentions: 0, newMember: 0.5 },
        groups: [
          {
            name: 'strong',
            weight: 3,
            terms: [
              '稳赚不赔', '带单', '跟单', '保本保息', '包赚', '稳赚', '日赚', '日入', '月入过万', '躺赚', '零风险', '高回报', '高收益', '内幕消息', '刷单', '兼职日结',
              'guaranteed profit', 'guaranteed profits', 'guaranteed returns', 'guaranteed income', 'risk free profit', 'risk-free profit', 'double your money',
              'daily profit of', 'profit daily', 'earn daily', 'passive income guaranteed', 'invest with me', 'account manager', 'trading signals group',
              '100x guaranteed', 'is doubling', 'doubling all', 'will double your', 'send and get back double', 'get double back', 'recover your lost', 'recover lost funds',
              'recovery service', 'recovery expert', 'recovery experts', 'get back your lost', 'earn from home', 'no experience needed', 'ganancias garantizadas', 'ganancia garantizada', 'гарантированный доход', 'гарантированная прибыль', 'доход без риска',
              'lucro garantido', 'renda garantida', 'keuntungan pasti', 'profit pasti', 'untung pasti', '確実に稼げる', '絶対儲かる', 'garantierte gewinne',
              'garantierter gewinn', 'gains garantis', 'profit garanti', 'ربح مضمون', 'أرباح مضمونة', 'garantili kazanç', 'garanti kazanç', 'lợi nhuận đảm bảo', 'lãi suất cao',
            ],
          },
          { name: 'guarantee', weight: 1.5, terms: ['guaranteed', 'guarantee', 'no risk', 'risk free', 'risk-free', '100%', 'sure profit', 'always win', '保证', '保本', '无风险', 'garantizado', 'гарантия', 'garantido', 'garantiert', 'garanti'] },
          { name: 'returns', weight: 1, terms: ['profit', 'profits', 'returns', 'roi', 'income', 'earn', 'earnings', 'per day', 'daily', 'weekly', 'invest', 'investment', 'trading', 'signals', 'forex', 'binary options', '收益', '回报', '赚钱', '投资', '理财', '老师', 'inversión', 'инвестиции', 'investimento', 'investasi', '投資', 'investition', 'investissement', 'استثمار', 'yatırım', 'đầu tư'] },
          { name: 'contact', weight: 1, terms: contactTerms },
          { name: 'warning', weight: -4, terms: warningTerms },
        ],
      },
    },
    {
      id: 'scam.contact-lure-zh',
      description: 'Chinese contact lures: 加V/私聊 + 福利/赚钱/兼职',
      category: 'scam',
      severity: 'high',
      reason: 'Contact-me lure ({match})',
      trigger: {
        type: 'signals',
        threshold: 3,
        require: ['contact'],
        features: { link: 1, invite: 1, mentions: 0, newMember: 0.5 },
        groups: [
          { name: 'contact', weight: 1.5, terms: ['加v', '加微', '加微信', '加我微信', '威信', '薇信', 'vx', 'wx', '私聊', '私信我', '加q', '扣扣', '进群', '加群', '拉你进群', '飞机号', 'tg'], patterns: ['(?:\\+|➕|加)\\s?(?:v|vx|wx|微|薇|威|q|扣)'] },
          { name: 'lure', weight: 1.5, terms: ['福利', '免费', '红包', '赚钱', '日赚', '兼职', '日结', '稳赚', '带单', '返利', '刷单', '高收益', '回报', '内幕', '彩金', '博彩', '菠菜', '充值', '代理', '优惠', '领取', '资源', '看片', '约'] },
          { name: 'warning', weight: -4, terms: warningTerms },
        ],
      },
    },
    {
      id: 'spam.promotion',
      description: 'Self-promotion and advertising',
      category: 'spam',
      severity: 'low',
      reason: 'Advertising ({match})',
      trigger: {
        type: 'signals',
        threshold: 2,
        require: ['promo', 'strong', 'sell', 'deal'],
        features: { link: 1, invite: 1.5, mentions: 0.5, newMember: 0.5 },
        groups: [
          {
            name: 'strong',
            weight: 2,
            terms: [
              'sub4sub', 'sub 4 sub', 'follow4follow', 'follow for follow', 'f4f', 'like4like', 'like 4 like', 'like for like', 'buy followers', 'cheap followers', 'buy subscribers', 'buy likes',
              'cheap accounts', 'selling accounts', 'accounts for sale', 'cheap boosts', 'server boosts for sale', 'best prices', 'dm for prices', 'dm for price',
              'join my server', 'join our server', 'check out my channel', 'check out my youtube', 'my youtube channel', 'my twitch', 'subscribe to my channel', 'subscribe to my youtube', 'follow me on', 'follow my',
              'check out my stream', 'check my stream', 'come watch my stream', 'advertise your server', 'promote your server', 'seo services', 'web design services',
              '代刷', '刷粉', '刷赞', '广告位', '推广', '出售账号', '低价出售', '招代理', '加盟', '引流', '关注我', '求关注', '互粉', '订阅我的频道',
              'únete a mi servidor', 'suscríbete a mi canal', 'sígueme en', 'подпишись на мой канал', 'подписывайтесь на', 'заходите на мой канал', 'мой канал',
              'se inscreva no meu canal', 'inscreva-se no meu canal', 'me segue', 'segue lá', 'mampir ke channel', 'follow ig', 'subscribe channel aku',
              'チャンネル登録お願いします', 'フォローお願いします', 'abonniert meinen kanal', 'folgt mir auf', 'abonnez-vous à ma chaîne', 'abonne-toi', 'rejoignez mon serveur',
              'اشترك في قناتي', 'تابعني على', 'kanalıma abone olun', 'abone olun', 'takip edin', 'đăng ký kênh của mình', 'theo dõi mình',
            ],
          },
          {
            name: 'promo',
            weight: 1,
            terms: [
              'subscribe', 'follow me', 'my channel', 'my server', 'my stream', 'my shop', 'my store', 'promo code',
              'buy now', 'order now', 'shop now', 'limited offer', 'promotion', 'advertising', 'check out my',
              '广告', '代理', '关注', '频道', 'promo', 'oferta', 'promoção', 'セール', 'rabatt', 'angebot', 'réduction', 'خصم', 'indirim', 'khuyến mãi',
            ],
          },
          {
            name: 'sell',
            weight: 1,
            terms: ['selling', 'for sale', 'sell', 'we sell', 'продам', 'продаю', 'vendo', 'vendemos', 'jual', 'dijual', '出售', '販売', 'verkaufe', 'vends', 'satılık', 'satıyorum', 'bán', 'بيع', 'للبيع'],
          },
          {
            name: 'deal',
            weight: 1,
            terms: ['cheap', 'discount', 'best price', 'low price', 'murah', 'diskon', 'скидка', 'дешево', 'дёшево', 'barato', 'desconto', '低价', '优惠', '安い', 'billig', 'pas cher', 'ucuz', 'giá rẻ', 'giảm giá', 'رخيص'],
          },
          { name: 'contact', weight: 1, terms: contactTerms },
          { name: 'warning', weight: -3, terms: warningTerms },
        ],
      },
    },
    {
      id: 'phishing.scam-domain',
      category: 'phishing',
      severity: 'critical',
      reason: 'Known scam domain',
      actions: [{ type: 'delete' }, { type: 'notify' }],
      trigger: { type: 'link', check: 'scam-domain' },
    },
    {
      id: 'phishing.lookalike-domain',
      category: 'phishing',
      severity: 'high',
      reason: 'Look-alike domain',
      actions: [{ type: 'hold' }],
      // Signals, not certainties: a hold takes members' messages down, so it starts as a dry run the team turns off.
      dryRun: true,
      trigger: { type: 'link', check: 'lookalike' },
    },
    { id: 'spam.invite-link', category: 'spam', severity: 'medium', reason: 'Invite link', trigger: { type: 'link', check: 'invite' } },
    { id: 'spam.link-shortener', category: 'spam', severity: 'low', reason: 'Shortened link', trigger: { type: 'link', check: 'shortener' } },
    {
      id: 'toxicity.insult',
      description: 'Insults and slurs (whole words; evasions folded)',
      category: 'toxicity',
      severity: 'medium',
      reason: 'Insult or slur ({match})',
      trigger: {
        type: 'keywords',
        mode: 'word',
        pinyin: true,
        terms: [
          'idiot', 'idiots', 'moron', 'morons', 'retard', 'retarded', 'retards', 'dumbass', 'dumbfuck', 'dipshit', 'bitch', 'bitches', 'son of a bitch', 'cunt', 'cunts',
          'whore', 'slut', 'faggot', 'faggots', 'fag', 'fags', 'nigger', 'niggers', 'nigga', 'niggas', 'tranny', 'kike', 'spic', 'chink', 'wetback', 'asshole', 'assholes',
          'motherfucker', 'motherfuckers', 'fuck you', 'fuck u', 'fuck off', 'fuck yourself', 'go fuck yourself', 'stfu', 'kys', 'kill yourself', 'go kill yourself',
          'neck yourself', 'go die', 'piece of shit', 'scumbag', 'shithead', 'dickhead', 'prick', 'twat', 'wanker', 'bastard', 'cocksucker', 'degenerate', 'subhuman',
          'braindead', 'brain dead', 'shut the fuck up', 'ugly bitch', 'fat pig',
          '傻逼', '傻b', '傻比', '煞笔', '沙比', '傻屄', '你妈死了', 'nmsl', '草泥马', 'cnm', '操你妈', '操你', '艹你', '去死', '脑残', '废物', '贱人', '婊子', '狗东西',
          '弱智', '白痴', '智障', '狗娘养的', '王八蛋', '杂种', '你是垃圾', '滚蛋', '死全家', '尼玛', '我操你',
          'idiota', 'pendejo', 'pendeja', 'puta', 'hijo de puta', 'cabrón', 'cabron', 'gilipollas', 'estúpido', 'estupido', 'imbécil', 'maricón', 'vete a la mierda', 'malparido',
          // Russian inflects: stems (a trailing * takes endings) where no common word shares the stem.
          'дебил*', 'идиот*', 'мудак*', 'мудил*', 'урод*', 'ублюд*', 'выродок', 'выродки', 'выродков', 'недоносок', 'недоноски', 'дегенерат*', 'кретин*',
          'придурок', 'придурки', 'мразь', 'мрази', 'твари', 'скотина', 'гнида', 'гниды', 'чмо', 'быдло', 'отброс*', 'ничтожество', 'шлюх*', 'сучка', 'суки',
          'пидор*', 'пидар*', 'ебан*', 'еблан*', 'уеб*', 'нищеброд*', 'либераст*', 'пиндос*', 'хохлы', 'хохлов', 'кацап*', 'рашка', 'рашку',
          'сука', 'блять', 'блядь', 'пидор', 'пидорас', 'дебил', 'идиот', 'мудак', 'уебок', 'уёбок', 'тварь', 'ублюдок', 'иди нахуй', 'хуесос', 'даун',
          // Not 'caralho' nor 'puto': in Brazilian chat an exclamation and "angry" ("que jogo do caralho",
          // "tô puto"), more often benign than abusive on ToLD-Br's train part (292 / 217 and 57 / 29 lines).
          'otário', 'otario', 'filho da puta', 'vadia', 'viado', 'vai se foder', 'arrombado', 'desgraçado', 'babaca', 'imbecil',
          'anjing', 'bangsat', 'goblok', 'tolol', 'kontol', 'bajingan', 'brengsek', 'memek', 'ngentot', 'asu',
          // "Shameless": said of a person. (Bare "malu", ashamed, is no insult: it matched only as 馬鹿's pinyin.)
          'tidak tahu malu', 'tak tahu malu', 'gak tau malu', 'gak tahu malu', 'ga tau malu', 'nggak tau malu', 'nggak tahu malu', 'ngga tau malu', 'tdk tau malu', 'gak punya malu', 'tidak punya malu',
          '死ね', 'しね', 'バカ', 'ばか', '馬鹿', 'きもい', 'キモい', 'うざい', 'クソ野郎', '消えろ', 'カス', 'ゴミ',
          'arschloch', 'hurensohn', 'wichser', 'fotze', 'missgeburt', 'schlampe', 'verpiss dich', 'spast', 'vollidiot', 'bastard',
          'connard', 'connasse', 'salope', 'pute', 'enculé', 'encule', 'fils de pute', 'ta gueule', 'nique ta mère', 'nique ta mere', 'abruti', 'batard', 'bâtard',
          'كلب', 'حمار', 'غبي', 'شرموطة', 'منيوك', 'كس امك', 'يلعن', 'ابن الكلب', 'حقير', 'عرص',
          'orospu', 'orospu çocuğu', 'siktir', 'amk', 'aptal', 'gerizekalı', 'piç', 'salak', 'yavşak', 'şerefsiz', 'ananı',
          'đụ má', 'địt', 'địt mẹ', 'đồ ngu', 'óc chó', 'chó đẻ', 'vcl', 'đéo', 'con chó', 'thằng ngu', 'ngu như chó',
          // Issue 14 (weak languages): inflected and compound forms, and the common insults the lists lacked. Each
          // was counted on the public corpora's train lines outside the validation slice (abusive vs benign lines
          // it matches) and kept only where it is an insult a moderator flags and benign lines are rare; words
          // that are also ordinary words are out (Turkish "mal", "göt", "lan"; German "Depp", "Opfer", "behindert";
          // Vietnamese "ngu" alone, which folds to "ngủ" (sleep), "đĩ", "cặc", "lồn" alone; Indonesian "anjing*"
          // (a pet dog), Arabic "*وسخ").
          // Turkish takes person, plural and case suffixes on the stem ("aptalsın", "gerizekalılar", "orospunun"; k → ğ before a vowel: "salağın").
          'aptal*', 'salak*', 'gerizekalı*', 'orospu*', 'şerefsiz*', 'yavşak*', 'kaltak*', 'kahpe*', 'ahmak*', 'ibne*', 'pezevenk*', 'sürtük*',
          'namussuz*', 'soysuz*', 'beyinsiz*', 'aşağılık*', 'embesil*', 'sikik*', 'siktir', 'siktir git', 'siktirin', 'sikeyim', 'sikerim', 'siktiğimin', 'amına koy*',
          'amcık*', 'aq', 'malsın', 'mal mısın', 'salağ*', 'yavşağ*', 'pezeveng*',
          // German compounds and plurals ("Vollidioten", "Riesenarschloch", "Hurensöhne").
          '*idioten', '*arschloch', '*arschlöcher', 'hurensohn*', 'hurensöhne', '*wichser', 'spasti*', 'missgeburt*', 'schwuchtel*', 'fotze*',
          'abschaum', 'dummkopf', 'vollpfosten', 'halt die fresse', 'halts maul', 'halt dein maul', 'fick dich', 'drecksau', 'dreckskerl',
          // French.
          'connard*', 'connasse*', 'débile', 'débiles', 'imbécile*', 'bougnoule*', 'bicot*', 'sous-homme*', 'dégénéré*', 'sale arabe', 'sale juif',
          'idiote*', 'ferme-la', 'ferme ta gueule', 'nique*', 'va te faire foutre',
          // Spanish.
          'imbécil*', 'idiotas', 'estúpido*', 'maricón*', 'maricones', 'subnormal*', 'retrasado*', 'escoria', 'hijos de puta', 'hijo de perra',
          'cabrones', 'gilipollas', 'pendeja*', 'pendejo*',
          // Arabic: the article, "and", "O" and other clitics join the word ("الغبي", "وغبي"); plurals apart.
          '*غبي', '*حقير', '*حقيرة', '*حقراء', '*عاهرة', '*عاهرات', '*منيوك', 'يا كلب', 'يا حمار', '*خنازير', '*كلاب', '*حيوان',
          'يا زبالة', 'يا واطي', 'كسمك', 'كس اختك', '*قحبة', '*ديوث', '*شرموطة', '*كذاب', '*خاين', '*خائن', '*مرتزقة',
          // Indonesian suffixes (-nya, -mu, -lah) on the stem; "dasar …" takes any of them.
          'goblok*', 'goblog*', 'tolol*', 'bego', 'begok', 'bangsat*', 'bajingan*', 'brengsek*', 'kampret*', 'keparat*', 'pelacur*', 'lonte*',
          'jancok*', 'jancuk*', 'sialan', 'kontol*', 'ngentot*',
          // Japanese.
          'アホ', 'あほ', 'クズ野郎', 'くず野郎', 'クズ人間', 'お前はクズ', '黙れ', 'ブサイク', 'キチガイ', 'きちがい', 'ガイジ', 'くたばれ', 'てめえ', 'テメエ',
          // Vietnamese: multi-word forms only (tones fold away: "ngu" alone is "ngủ").
          'thằng chó', 'bọn chó', 'lũ chó', 'vãi lồn', 'cái lồn', 'xàm lol', 'con cặc', 'khốn nạn', 'mất dạy', 'súc vật', 'đm', 'đcm', 'cmnr',
          'đếch', 'đíu', 'đụ mẹ', 'đù má', 'mẹ mày', 'bọn ngu', 'lũ ngu', 'thằng điên', 'con điên', 'thằng đần', 'ngu như bò', 'ngu vãi',
          'ngu vl', 'ngu vcl', 'khựa', 'con điếm', 'óc lợn',
          // From public lists (eval/SOURCES.md: LDNOOBW via the naughty-words package, CC-BY-4.0; cuss, MIT), only the
          // words not above that matched at least 3 abusive and at most a tenth as many benign train lines outside
          // the validation slice, less homonyms ("gros", "retard", "ta mère", "macaca", "racista", "bourré") and profanity
          // that is mostly emphasis or reported ("am Arsch", "fodida", "se faire enculer", "ولاد متناكة": MHC's train lines).
          'yarak', 'yarrak', 'götü', 'götün', 'götte', 'göte', 'götten', 'götleri', 'götveren*', 'taşak', 'sikmek',
          'buceta', 'corno', 'corna', 'viadinho', 'xota', 'safada', 'boquete',
          'neger', 'hure', 'huren', 'nutte', 'nutten', 'tarlouze', 'tafiole', 'putos', 'mamada',
        ],
        // Words that read like a term by pinyin (jian ren = 贱人, ni ma = 尼玛) and are only words: found
        // flagged on the public corpora's train parts (福建人 alone: 17 Chinese lines).
        allow: [
          'kys academy', '福建人', '创建人', '见人', '见仁见智', '中间人', '你骂',
          // Japanese 馬鹿 read as pinyin (ma lu) is a road (马路) and Indonesian "malu" (ashamed), never an insult.
          '马路', 'malu', 'ma lu',
          // Profanity as emphasis, not at anyone: Brazilian "angry" ("tô puta", "fiquei puta da vida") and the
          // masculine intensifier "um puta jogo" (a hell of a game: never a person), which excuse 46 benign and
          // 9 toxic lines of ToLD-Br's train part (those 9 are profanity too: "tô puta demais com esse jogo");
          // Spanish "de una puta vez" (at once). "Ela é uma puta", "sua puta", "filho da puta" stay insults. (Turkish "saçma salak", silly nonsense, was measured and left:
          // it excused 3 benign and 4 toxic train lines.)
          'to puta', 'tou puta', 'estou puta', 'ta puta', 'tava puta', 'estava puta', 'fico puta', 'fiquei puta', 'ficou puta', 'ficar puta', 'fica puta',
          'vou ficar puta', 'tao puta', 'muito puta', 'mt puta', 'puta da vida', 'um puta', 'una puta vez',
          // Words that hold an insult's letters (バカンス: a holiday; アホウドリ: an albatross), and a pet named as one's own
          // ("con chó nhà mình": our dog at home; "عندي كلب": I have a dog).
          'バカンス', 'アホウドリ', 'con chó nhà', 'con chó của', 'عندي كلب',
        ],
      },
    },
    {
      id: 'toxicity.directed-insult',
      description: 'Insults aimed at a person ("you are so stupid")',
      category: 'toxicity',
      severity: 'medium',
      reason: 'Directed insult ({match})',
      trigger: {
        type: 'regex',
        on: 'folded',
        patterns: [
          "\\b(?:you|u|ur|you'?re|youre|your)\\s(?:are\\s|r\\s|really\\s|such\\s|so\\s|an?\\s|the\\s|fucking\\s|absolute\\s|complete\\s){0,4}(?:stupid|dumb|idiot|moron|pathetic|worthless|ugly|braindead|retard|imbecile|disgusting|cancer|subhuman|waste of space|waste of air)\\b",
          '\\b(?:shut\\s(?:the\\s(?:fuck|hell)\\s)?up)\\s(?:you|u|bitch|idiot|moron|loser)\\b',
          '\\bnobody\\s(?:likes|wants|cares about)\\syou\\b',
          '\\b(?:i\\shope|hope)\\syou\\s(?:die|get cancer|get hit)\\b',
          '你(?:真|就是|是个|这个|个)?(?:傻|蠢|贱|笨蛋|废物|垃圾|猪|狗)',
          // "sb" (傻逼 by its initials) typed among Chinese words: "这个sb", "一群SB吧"; alone or in Latin text it is "somebody".
          '\\p{Script=Han}\\s?sb(?![a-z0-9])|(?:^|[^a-z0-9])sb\\s?\\p{Script=Han}',
          '(?:eres|sos)\\s(?:un|una)?\\s?(?:idiota|estúpido|estúpida|imbécil|basura)',
          'ты\\s(?:тупой|тупая|дебил|идиот|урод|ничтожество)',
          '(?:você|voce|vc|tu)\\s(?:é|e|és|eh)\\s(?:um|uma)?\\s?(?:idiota|inútil|inutil|otário|otaria|lixo|imbecil|burro|burra|nojento|nojenta|escroto|escrota)',
          // Issue 14: "you are a …" in the weak languages, on the folded view (diacritics gone: "hasslich", "cretin").
          // German.
          '\\b(?:du|ihr)\\s(?:bist|seid)\\s(?:(?:so|echt|ein|eine|einfach|total|voll|wirklich|nur|ja|doch|richtig|alle|solche|ganz|extrem|komplett)\\s){0,3}(?:dumm|dumme|dummer|blod|blode|hasslich|bescheuert|behindert|erbarmlich|lacherlich|wertlos|widerlich|ekelhaft|armselig|idiot|idioten|trottel|versager|spast|spasti|penner|hurensohn|hurensohne|arschloch|arschlocher|wichser|schlampe|missgeburt|vollidiot|vollidioten|vollpfosten|loser|abschaum|dreck|abfall|mull|geisteskrank|asozial|hirnlos)\\b',
          '\\b(?:du|ihr)\\s(?:(?:dumme?r?|blode?r?|kleiner?|elender?|verdammte?r?|scheiss|dreckige?r?|hassliche?r?|fette?r?)\\s)?(?:idiot|idioten|trottel|versager|spast|penner|hurensohn|arschloch|wichser|schlampe|missgeburt|sau|kuh|schwein|hure|nutte|fotze|bastard|drecksau|pisser|lappen|affe|depp|vollidiot|vollpfosten)\\b',
          // French.
          "(?:\\bt'es|\\bt es|\\btu es|\\bvous etes|\\bespece\\sd'|\\bespece\\sde|\\bbande\\sde|\\bbande\\sd'|\\bsale|\\bpauvre|\\bgros|\\bgrosse)\\s?(?:(?:un|une|vraiment|trop|tellement|qu'un|qu'une|juste|gros|grosse|pauvre|sale|vrai|vraie|des|tous\\sdes)\\s){0,3}(?:con|conne|cons|connes|connard|connards|connasse|debile|debiles|idiot|idiote|idiots|abruti|abrutie|abrutis|cretin|cretine|cretins|imbecile|imbeciles|nul|nulle|nuls|bouffon|bouffons|batard|batards|salope|salopes|pute|putes|merde|moche|attarde|attardee)\\b",
          "(?:\\bt'es|\\bt es|\\btu es|\\bvous etes|\\bespece\\sd'|\\bespece\\sde|\\bbande\\sde|\\bbande\\sd'|\\bsale|\\bpauvre|\\bgros|\\bgrosse)\\s?(?:(?:un|une|vraiment|trop|tellement|qu'un|qu'une|juste|gros|grosse|pauvre|sale|vrai|vraie|des|tous\\sdes)\\s){0,3}(?:mongol|minable|clochard|tocard|ordure|ordures|enfoire|enfoires|raclure|pourriture|dechet|parasite|chienne|porc|porcs|vache)\\b",
          // Spanish.
          '\\b(?:eres|sos|sois|son\\sunos|son\\sunas|menudo|menuda|pedazo\\sde|maldito|maldita)\\s(?:(?:un|una|unos|unas|muy|tan|el|la|mas|completo|completa|puto|puta|maldito|maldita|tremendo|tremenda|pedazo\\sde)\\s){0,3}(?:idiota|idiotas|estupido|estupida|estupidos|estupidas|imbecil|imbeciles|basura|inutil|inutiles|subnormal|subnormales|retrasado|retrasada|tarado|tarada|gilipollas|pendejo|pendeja|pendejos|cabron|cabrona|cabrones|mierda|asqueroso|asquerosa|payaso|bastardo|perra|zorra|puta|puto)\\b',
          '\\b(?:eres|sos|sois|son\\sunos|son\\sunas|menudo|menuda|pedazo\\sde|maldito|maldita)\\s(?:(?:un|una|unos|unas|muy|tan|el|la|mas|completo|completa|puto|puta|maldito|maldita|tremendo|tremenda|pedazo\\sde)\\s){0,3}(?:maricon|marica|escoria|cerdo|cerda|mongolo|tonto|tonta|feo|fea|gordo|gorda|patetico|patetica|malparido)\\b',
          // Turkish (any suffix).
          '\\b(?:sen|siz|seni|sizi)\\s(?:(?:bir|bi|tam|cok|resmen|gercekten|de|da|koca)\\s){0,3}(?:aptal|salak|gerizekali|mal|ahmak|dangalak|beyinsiz|serefsiz|orospu|pic|yavsak|kaltak|kahpe|pislik|hayvan|esek|ibne|sersem|embesil|haysiyetsiz|namussuz|alcak|asagilik|zavalli|ezik)\\w{0,6}\\b',
          // Indonesian (-nya, -mu, -lah).
          '\\b(?:kamu|lu|lo|loe|elo|elu|km|kau|dasar|kalian|situ)\\s(?:(?:itu|memang|emang|cuma|sangat|bener|benar|orang|manusia|emg|tuh|ini|paling)\\s){0,3}(?:bodoh|goblok|goblog|bego|begok|tolol|idiot|bangsat|brengsek|anjing|anjeng|babi|kampret|sampah|pelacur|lonte|jelek|dungu|bajingan|keparat|sinting|gila|monyet|setan|iblis|tai|banci|bencong|lemot|norak|kampungan)\\w{0,3}\\b',
          // Vietnamese.
          '\\b(?:may|mi|bay|tui\\smay|bon\\smay|chung\\smay|con\\snay|thang\\snay)\\s(?:(?:la|đung\\sla|that\\sla|dung\\sla|chi\\sla|chinh\\sla)\\s){0,2}(?:đo|do|thang|con|lu|bon|loai)\\s(?:ngu|cho|khon|đien|dien|điem|diem|mat\\sday|suc\\svat|oc\\scho|oc\\slon|rac|đan|dan)\\b',
          // Japanese (dakuten fold away in this view: バカ reads ハカ).
          '(?:お前|おまえ|オマエ|てめえ|テメエ|てめー|テメー|貴様|きさま|あんた|アンタ)(?:は|って|みたいな|なんか|こそ|も)?[^、。！？!?\\s]{0,5}?(?:ハカ|アホ|あほ|クス|カス|コミ|フス|フサイク|キモ|きも|ウサ|うさ|キチカイ|カイシ|無能|低能|死ね|しね)',
          // Arabic.
          '(?:^|\\s)(?:انت|إنت|انتي|أنت|انتم|إنتم|أنتم|يا)\\s(?:(?:واحد|واحدة|مجرد|بس|فعلا|والله|جدا|كلكم)\\s){0,2}(?:غبي|غبية|اغبياء|حمار|حمير|كلب|كلبة|كلاب|حيوان|حيوانة|حقير|حقيرة|حقراء|تافه|تافهة|وسخ|وسخة|زبالة|خنزير|خنازير|قذر|قذرة|منحط|منحطة|عاهرة|شرموطة|متخلف|متخلفة|جاهل|جاهلة|كذاب|خاين|خائن|واطي|نذل|ساقط|ساقطة|عبيط|اهبل|بهيم)(?=\\s|$|[.,!؟])',
        ],
      },
    },
    {
      id: 'toxicity.dehumanizing',
      description: 'People called vermin, parasites or animals ("they are rats")',
      category: 'toxicity',
      severity: 'medium',
      reason: 'Dehumanizing language ({match})',
      trigger: {
        type: 'regex',
        on: 'folded',
        // Issue 14: a group said to be vermin, parasites, animals, a plague, on the folded view, in de, fr, es and ar
        // (HateCheck's "dehumanisation" functionality; English is the model's, whose quoted refusal "“immigrants are
        // vermin”? no." context.test.ts keeps unflagged). Counted on the public train lines outside the validation
        // slice: 112 abusive, 4 benign (objects: "Meine Kopfhörer sind Abschaum", "Los videojuegos son basura"), so words
        // said of things and of a player's game too ("basura", "Abschaum", "ordures", "Dreck") are left to the insult list.
        patterns: [
          '\\b(?:sind|seid|waren)\\s(?:(?:doch|alle|nur|einfach|wie|halt|ja|echt|das|die|allesamt)\\s){0,3}(?:ungeziefer|parasiten|schmarotzer|ratten|kakerlaken|tiere|viecher|untermenschen|pack|gesindel|pest|krebsgeschwur|seuche)\\b',
          "\\b(?:sont|etes|c'est|ce sont)\\s(?:(?:tous|toutes|juste|que|vraiment|des|de|la|une|un|comme|de la|du)\\s){0,3}(?:rats|parasites|vermine|cafards|animaux|betes|sous-hommes|pourritures|racailles|singes|porcs|chiens|cancer|peste|fleau)\\b",
          '\\b(?:son|sois|eran|somos)\\s(?:(?:todos|todas|solo|simplemente|unos|unas|como|una|un|la|el|mas|tan)\\s){0,3}(?:ratas|parasitos|alimanas|cucarachas|animales|bestias|infrahumanos|infrahumanas|plaga|cancer|cerdos|perros|monos|gusanos|sabandijas)\\b',
          '(?:^|\\s)(?:هم|هما|انتم|إنتم|أنتم|دول|ديه|كلهم)\\s(?:(?:مجرد|بس|فعلا|زي|كلهم|شوية)\\s){0,2}(?:حشرات|الحشرات|بهايم|البهايم|حيوانات|الحيوانات|خنازير|الخنازير|كلاب|الكلاب|حمير|الحمير|همج|زبالة|قذارة|وباء|سرطان|جراثيم)(?=\\s|$|[.,!؟])',
        ],
      },
    },
    {
      id: 'self-harm.intent',
      description: 'Messages expressing self-harm or suicidal intent: a care signal, never punished',
      category: 'self-harm',
      severity: 'high',
      reason: 'Possible self-harm intent ({match})',
      macro: 'support-resources',
      actions: [{ type: 'notify' }],
      trigger: {
        type: 'keywords',
        mode: 'word',
        pinyin: false,
        terms: [
          'kill myself', 'killing myself', 'end my life', 'ending my life', 'end it all', 'take my own life', 'take my life', 'commit suicide', 'i am suicidal',
          'i m suicidal', 'im suicidal', 'feel suicidal', 'feeling suicidal', 'suicidal thoughts', 'want to die', 'wanna die', 'want to be dead', 'wish i was dead',
          'wish i were dead', 'hurt myself', 'cut myself', 'cutting myself', 'harm myself', 'self harm', 'unalive myself', 'don t want to live',
          'dont want to live', 'do not want to live', 'don t want to be alive', 'no reason to live', 'nothing to live for', 'better off dead', 'better off without me',
          'can t go on anymore', 'cant go on anymore', 'i can t do this anymore', 'goodbye forever', 'my suicide note', 'overdose tonight', 'not wake up tomorrow',
          'jump off a bridge', 'jump off the roof', 'end myself', 'going to die tonight',
          '想死', '不想活了', '不想活', '我想自杀', '想自杀', '要自杀', '去自杀', '轻生', '活着没意思', '活着没有意义', '结束生命', '结束自己的生命', '了结自己',
          '撑不下去了', '想离开这个世界', '不如死了',
          // Not bare "跳楼", "割腕", "活不下去": those name what others did, a price (跳楼价) or a business.
          '想跳楼', '要跳楼', '去跳楼', '想割腕', '要割腕', '我活不下去', '真的活不下去', '实在活不下去', '快活不下去', '死了算了', '吃安眠药',
          'quiero morir', 'me quiero morir', 'quiero suicidarme', 'no quiero vivir', 'voy a matarme', 'quiero matarme',
          'хочу умереть', 'покончить с собой', 'не хочу жить', 'убить себя', 'покончу с собой',
          'quero morrer', 'vou me matar', 'não quero mais viver', 'nao quero mais viver', 'quero me matar',
          'ingin mati', 'pengen mati', 'aku mau mati', 'mau mati aja', 'mau bunuh diri', 'ingin bunuh diri', 'tidak ingin hidup', 'gak mau hidup',
          '死にたい', '消えたい', '自殺したい', '生きていたくない',
          'ich will sterben', 'mich umbringen', 'will nicht mehr leben', 'mir das leben nehmen',
          'je veux mourir', 'me suicider', 'envie de mourir', 'en finir avec la vie', 'me tuer',
          'اريد ان اموت', 'أريد أن أموت', 'انتحر', 'أنتحر', 'بدي موت',
          'ölmek istiyorum', 'kendimi öldüreceğim', 'intihar edeceğim', 'yaşamak istemiyorum',
          // Indirect ideation: not wanting to wake up, being a burden, tiredness of living, hurting oneself,
          // goodbye messages, giving things away, method questions (eval/selfHarm.ts, dev part).
          'don t want to wake up', 'dont want to wake up', 'do not want to wake up', 'never wake up again', 'to not wake up', 'not to wake up',
          'better off if i was gone', 'better off if i were gone', 'better off without me', 'hurting myself', 'tired of living', 'sick of living',
          'tired of being alive', 'painless way to die', 'painless way to go', 'my last message', 'i won t need them anymore', 'i won t be needing',
          '不想醒过来', '不想再醒', '不会醒过来', '最后一条消息', '我不在了', '没有我大家', '伤害自己', '活着太累', '不疼的死法', '怎么死', '割自己',
          'no quiero despertar', 'para no despertar', 'mejor sin mí', 'mejor sin mi', 'hacerme daño', 'cansado de vivir', 'cansada de vivir', 'mi último mensaje',
          'ya no las voy a necesitar', 'ya no lo voy a necesitar',
          'não quero acordar', 'nao quero acordar', 'pra não acordar', 'para não acordar', 'melhor sem mim', 'me machucar', 'cansei de viver', 'minha última mensagem',
          'não vou mais precisar', 'acabar com tudo', 'me cortei',
          'me réveiller demain', 'ne plus me réveiller', 'ne plus se réveiller', 'mieux sans moi', 'me faire du mal', 'fatigué de vivre', 'fatiguée de vivre',
          'mon dernier message', 'lettre d adieu', 'je veux en finir', 'vais en finir', 'envie d en finir',
          'nicht mehr aufwachen', 'ohne mich besser dran', 'verletze mich', 'lebensmüde', 'meine letzte nachricht', 'ich brauche sie nicht mehr', 'mir etwas antun',
          'не хочу просыпаться', 'не хочу завтра просыпаться', 'чтобы не проснуться', 'лучше без меня', 'причиняю себе боль', 'устал жить', 'устала жить',
          'моё последнее сообщение', 'мое последнее сообщение', 'больше не понадобятся', 'покончить со всем',
          'uyanmak istemiyorum', 'uyanmamak için', 'ben olmasam', 'kendime zarar', 'yaşamaktan yoruldum', 'son mesajım', 'artık ihtiyacım olmayacak', 'her şeye son vermek',
          'لا أريد أن أستيقظ', 'لا اريد ان استيقظ', 'حتى لا تستيقظ', 'أفضل بدوني', 'افضل بدوني', 'إيذاء نفسي', 'ايذاء نفسي', 'تعبت من الحياة', 'آخر رسالة مني',
          'لن أحتاجها', 'لا أريد أن أعيش', 'أنهي كل شيء',
          '目が覚めなければ', '目が覚めなくなる', '最後のメッセージ', 'いないほうが', '自分を傷つけ', '生きるのに疲れた', 'もういらないから', '終わりにしたい', '自分を切', '遺書',
          'không muốn thức dậy', 'không tỉnh lại', 'không có mình thì', 'tự hại', 'mệt mỏi vì phải sống', 'tin nhắn cuối cùng', 'không cần nữa đâu', 'kết thúc tất cả',
          'thư tuyệt mệnh',
          'nggak mau bangun', 'tidak mau bangun', 'nggak bangun lagi', 'lebih baik tanpa aku', 'menyakiti diri', 'capek hidup', 'lelah hidup', 'pesan terakhirku',
          'nggak butuh lagi', 'mengakhiri semuanya', 'melukai diriku',
        ],
        allow: [
          'if you feel suicidal', 'if you re feeling suicidal', 'if you are feeling suicidal', 'if youre feeling suicidal', 'if you have suicidal thoughts',
          '想死你', '想死我了', '想死吗', '不要自杀', '别自杀', '不要跳楼', '不要割腕', 'self harm awareness', 'self harm prevention', 'hotline', 'suicidal thoughts hotline', '笑死',
          // Someone asking how to help a friend speaks of them, not of themselves.
          'nói muốn chết', '她不想活了', '他不想活了', 'she wants to die', 'he wants to die', 'says she wants to die', 'says he wants to die',
        ],
      },
    },
    {
      id: 'self-harm.intent-phrasing',
      description: 'First-person intent in freer phrasing',
      category: 'self-harm',
      severity: 'high',
      reason: 'Possible self-harm intent ({match})',
      macro: 'support-resources',
      actions: [{ type: 'notify' }],
      trigger: {
        type: 'regex',
        on: 'folded',
        patterns: [
          "\\b(?:i|i'?m|im|i am|i'?ve|ive|i will|i'?ll)\\b[^.!?\\n]{0,30}\\b(?:kill(?:ing)? myself|end(?:ing)? (?:it all|my life|everything)|suicide|unalive|overdose|hang myself|slit my wrists?)\\b",
          "\\bdon'?t (?:want|wanna) to (?:live|exist|be here|wake up)(?: anymore)?\\b",
          '\\b(?:planning|plan|going) to (?:end it|kill myself|take my life)\\b',
          '\\b(?:no ?one|nobody) would (?:even )?(?:miss|notice|care)(?: about)? (?:me|if i)\\b',
          '我(?:真的|好|很)?想(?:去)?死',
          '(?:不想|不愿意?)(?:再)?活(?:下去|着)?了',
          // The author's own, with words between ("我今晚就去跳楼"), not what they report of someone else
          // ("我朋友说她要跳楼").
          '我(?:(?!说|讲|告诉|朋友|同学|闺蜜|室友|家人|他|她)[^，。！？,.!?\\n]){0,8}(?:跳楼|割腕|活不下去)',
        ],
      },
    },
    {
      id: 'self-harm.intent-vi',
      description: 'Vietnamese intent, read as written: folded, "tự tử" (suicide) is "từ từ" (slowly) and "tử tù" (a convict)',
      category: 'self-harm',
      severity: 'high',
      reason: 'Possible self-harm intent ({match})',
      macro: 'support-resources',
      actions: [{ type: 'notify' }],
      trigger: {
        type: 'regex',
        on: 'original',
        patterns: [
          // Not bare "tự tử" (news of someone's suicide) nor bare "muốn chết" ("đói muốn chết": starving, "nói muốn
          // chết": what a friend said): the author's own, or a phrase that is.
          '(?:^|[^\\p{L}\\p{M}])(?:(?:tôi|mình|tao|tớ|em|anh|chị)\\s+(?:thật sự\\s+|rất\\s+|chỉ\\s+|cũng\\s+)?muốn chết|muốn tự tử|không muốn sống|định tự tử|nghĩ đến (?:chuyện )?tự tử|tự hại|không tỉnh lại)(?![\\p{L}\\p{M}])',
        ],
      },
    },
    {
      id: 'nsfw.solicitation',
      category: 'nsfw',
      severity: 'medium',
      reason: 'Adult content or solicitation ({match})',
      trigger: {
        type: 'keywords',
        mode: 'word',
        terms: ['send nudes', 'nudes', 'porn', 'onlyfans', 'xxx videos', 'sex cam', 'hot singles', 'horny', '18+ content', 'nsfw content', '色情', '裸聊', '约炮', '黄网', '看片', '援交', 'エロ', 'порно'],
      },
    },
    { id: 'behaviour.mention-spam', category: 'mention-spam', severity: 'medium', reason: 'Mention spam', trigger: { type: 'mention-spam', mentions: 6 } },
    { id: 'behaviour.flood', category: 'flood', severity: 'medium', reason: 'Flooding', trigger: { type: 'flood', messages: 6, seconds: 10 } },
    { id: 'behaviour.duplicates', category: 'spam', severity: 'medium', reason: 'Repeated message', trigger: { type: 'duplicates', copies: 3, channels: 3, seconds: 120, minLength: 8 } },
    { id: 'behaviour.new-member-link', category: 'spam', severity: 'low', reason: 'Brand-new account posting links', trigger: { type: 'new-member', accountAgeDays: 3, joinedMinutes: 10 } },
    { id: 'behaviour.raid', category: 'raid', severity: 'critical', reason: 'Raid', trigger: { type: 'raid' } },
    { id: 'behaviour.member-report', category: 'custom', severity: 'medium', reason: 'Member report', trigger: { type: 'report' } },
    { id: 'scam.impersonation', category: 'scam', severity: 'high', reason: 'Possible staff impersonation', trigger: { type: 'impersonation' } },
  ],
};
