/**
 * What the screen must leave alone. checkPhrase refuses an admin's phrase that would fire on any
 * of these sentences, and the tests hold the built-in lists to the same. They are the harmless
 * ways young people mention the same subjects: a worker who helps, a lesson, a club, a film.
 * Translations are machine-drafted, like the lists.
 */
import { normaliseForScreening } from "#app/screening/normalise.ts";

export const HARMLESS_SAMPLES: readonly { language: string; text: string }[] = [
  { language: "en", text: "my social worker helps me feel safe" },
  { language: "en", text: "we learned about bullying in PSHE" },
  { language: "en", text: "I want to run the football club" },
  { language: "en", text: "can we go to the youth club at night" },
  { language: "en", text: "we talked about self-harm awareness week" },
  { language: "en", text: "my friend ran in the race" },
  { language: "en", text: "I killed it in my exam" },
  { language: "en", text: "the film was about drugs" },
  { language: "en", text: "I feel safe at home with my foster carers" },
  { language: "en", text: "I was so amused by the film, it was dead funny" },
  { language: "en", text: "we did a project on suicide prevention and mental health" },
  { language: "en", text: "I got a bus to college and it took ages" },
  { language: "en", text: "hi there, can you help me with my homework" },
  { language: "en", text: "my keyworker is helping me open a bank account" },
  { language: "en", text: "I want to go to the gym and to the cinema with my friends" },
  { language: "en", text: "the police came to our school to talk about knife crime" },
  { language: "en", text: "I hit the ball really hard in cricket" },
  { language: "en", text: "he beat me at fifa again" },
  { language: "en", text: "I'm so bored I could die" },
  { language: "en", text: "I'm dying to see the new film" },
  { language: "en", text: "can I have money for my bus pass" },
  { language: "en", text: "my passport came through from the home office, I am so happy" },
  { language: "en", text: "I am 15 and I like drawing" },
  { language: "en", text: "I miss my family back home" },
  { language: "en", text: "I want more help with my English homework" },
  { language: "en", text: "I ran home because it was raining" },
  { language: "en", text: "we went to the beach and I got sunburnt, it hurts" },
  { language: "ar", text: "الأخصائية الاجتماعية تساعدني وأشعر بالأمان" },
  { language: "ar", text: "تعلمنا عن التنمر في المدرسة" },
  { language: "ar", text: "أريد أن أدير نادي كرة القدم" },
  { language: "ar", text: "هل يمكننا الذهاب إلى نادي الشباب في الليل" },
  { language: "ar", text: "أنا في انتظار موعدي مع المحامي" },
  { language: "ar", text: "سجلت ضربة جزاء في المباراة" },
  { language: "ar", text: "أشتاق لأمي وأبي كثيرا" },
  { language: "ar", text: "أحب مدرستي وأصدقائي" },
  { language: "fa", text: "مددکار اجتماعی‌ام کمکم می‌کند احساس امنیت کنم" },
  { language: "fa", text: "در مدرسه درباره قلدری یاد گرفتیم" },
  { language: "fa", text: "می‌خواهم باشگاه فوتبال را اداره کنم" },
  { language: "fa", text: "میخوام برم باشگاه فوتبال" },
  { language: "fa-AF", text: "مه میخواهم فوتبال بازی کنم" },
  { language: "fa-AF", text: "دلم برای فامیلم تنگ شده" },
  { language: "ps", text: "زما ټولنیز کارکوونکی مرسته کوي چې خوندي احساس وکړم" },
  { language: "ps", text: "زه غواړم د فوټبال کلب چلوم" },
  { language: "ps", text: "موږ په ښوونځي کې د ځورونې په اړه زده کړل" },
  { language: "ckb", text: "کارمەندی کۆمەڵایەتییەکەم یارمەتیم دەدات هەست بە ئارامی بکەم" },
  { language: "ckb", text: "دەمەوێت یانەی تۆپی پێ بەڕێوە ببەم" },
  { language: "kmr", text: "xebatkara min a civakî alîkariya min dike ku ez xwe ewle hîs bikim" },
  { language: "kmr", text: "em li dibistanê li ser zordariyê fêr bûn" },
  { language: "ti", text: "ማሕበራዊት ሰራሕተኛይ ውሕስነት ክስምዓኒ ትሕግዘኒ" },
  { language: "ti", text: "ኣብ ቤት ትምህርቲ ብዛዕባ ምጽብላል ተማሂርና" },
  { language: "am", text: "የማህበራዊ ሰራተኛዬ ደህንነት እንዲሰማኝ ትረዳኛለች" },
  { language: "am", text: "በትምህርት ቤት ስለ ጉልበተኝነት ተማርን" },
  { language: "om", text: "hojjettuun hawaasummaa koo nageenya akkan natti dhaga'amu na gargaarti" },
  { language: "om", text: "mana barumsaatti waa'ee doorsisaa baranne" },
  { language: "vi", text: "nhân viên xã hội giúp tôi cảm thấy an toàn" },
  { language: "vi", text: "chúng em đã học về bắt nạt ở trường" },
  { language: "vi", text: "bí danh của tôi là Mèo" },
  { language: "vi", text: "toi muon tham gia cau lac bo bong da" },
  { language: "sq", text: "punonjësja sociale më ndihmon të ndihem i sigurt" },
  { language: "sq", text: "mësuam për bullizmin në shkollë" },
  { language: "sq", text: "dua të drejtoj klubin e futbollit" },
  { language: "so", text: "shaqaalaha bulshada ayaa iga caawiya inaan dareemo ammaan" },
  { language: "so", text: "waxaan dugsiga ku baranay cagajugleynta" },
  { language: "so", text: "waxaan rabaa inaan maamulo kooxda kubadda cagta" },
];

// Words too common to stand alone as a phrase, or to make one on their own ("i am", "to the").
const COMMON_RAW: readonly string[] = [
  // en
  "i", "im", "me", "my", "mine", "you", "u", "he", "him", "his", "she", "her", "it", "its", "we",
  "us", "our", "they", "them", "their", "a", "an", "the", "and", "or", "but", "to", "of", "in",
  "on", "at", "for", "with", "from", "by", "is", "am", "are", "was", "were", "be", "been", "do",
  "does", "did", "dont", "not", "no", "yes", "have", "has", "had", "get", "got", "go", "going",
  "want", "wanna", "like", "feel", "can", "will", "would", "this", "that", "there", "here", "so",
  "very", "really", "just", "all", "some", "one", "what", "when", "why", "how", "who", "help",
  "home", "school", "friend", "friends", "people", "please", "thanks", "ok", "okay", "lol",
  // ar
  "انا", "أنا", "انت", "هو", "هي", "نحن", "هم", "في", "من", "على", "الى", "إلى", "عن", "مع", "و",
  "او", "لا", "ما", "لم", "لن", "هذا", "هذه", "ذلك", "كان", "يكون", "اريد", "بدي", "عايز", "كل",
  "شي", "شيء", "الله", "والله", "نعم", "اي", "يا",
  // fa, fa-AF, ps, ckb
  "من", "تو", "او", "ما", "شما", "آنها", "اونا", "مه", "در", "به", "از", "با", "که", "را", "رو",
  "این", "آن", "است", "هست", "نیست", "میخوام", "می", "و", "یا", "هم", "خیلی", "زه", "ته", "هغه",
  "موږ", "دا", "په", "د", "کې", "چې", "ده", "دی", "او", "نه", "من", "ئەو", "ئێمە", "لە", "بە",
  "و", "کە", "ئەم", "ئەوە",
  // kmr, sq, so, om, vi
  "ez", "tu", "ew", "em", "hûn", "û", "li", "bi", "ji", "de", "ku", "na", "min", "te", "wî", "wê",
  "unë", "ti", "ai", "ajo", "ne", "ju", "ata", "dhe", "në", "me", "për", "nga", "që", "është",
  "jam", "kam", "aan", "waan", "waxaan", "iyo", "ku", "ka", "la", "u", "waa", "ma", "ana", "ati",
  "inni", "isheen", "nu", "fi", "kan", "keessa", "irra", "tôi", "toi", "em", "anh", "chị", "và",
  "là", "có", "không", "ko", "của", "cho", "với", "mình",
  // ti, am
  "ኣነ", "ንስኻ", "ንሱ", "ንሳ", "ንሕና", "ኣብ", "ካብ", "ምስ", "እዩ", "እያ", "እየ", "እና", "እኔ", "አንተ", "እሱ",
  "እሷ", "እኛ", "ነው", "እና", "ከ", "ወደ", "ላይ", "ውስጥ",
];

/** COMMON_RAW, normalised as the screen compares words. */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  COMMON_RAW.flatMap((w) => normaliseForScreening(w).tokens.map((t) => t.text)),
);
