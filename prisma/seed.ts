/**
 * Demo data for `npm run quickstart`: one organisation, two groups, an account for every role,
 * feedback in several states and languages, and an ask with updates. Runs once: a database that
 * already has groups is left alone. Accounts and codes are listed in README.md.
 */
import {
  acknowledgeAsk,
  addAskUpdate,
  askTranslationFingerprint,
  createAsk,
  setAskOwnerAndDue,
  setAskTranslationChecked,
  setUpdateTranslationChecked,
  updateTranslationFingerprint,
} from "#app/models/asks.server.ts";
import { createFeedback, escalateFeedback } from "#app/models/feedback.server.ts";
import { castVote, createPoll, setPollStatus } from "#app/models/polls.server.ts";
import { getOrganisation, updateOrganisationSettings } from "#app/models/organisation.server.ts";
import { disconnectDb, prisma } from "#app/utils/db.server.ts";
import {
  createFeedbackItem,
  createGroup,
  createInvite,
  createStaff,
  createYoungPerson,
} from "#tests/factories.ts";

export const DEMO_PASSWORD = "voices-demo-2026";

async function seed() {
  if ((await prisma.group.count()) > 0) {
    console.log("The database already has groups; the demo data was not added again.");
    return;
  }
  await getOrganisation();

  const sandwell = await createGroup({
    name: "Voices of Sandwell",
    description: "The Children in Care Council of Sandwell Children's Trust.",
  });
  const horizons = await createGroup({
    name: "Horizons",
    description: "A group for unaccompanied asylum-seeking young people.",
  });

  const admin = await createStaff({ roles: ["admin"], name: "Alex Admin", email: "admin@voices.test", password: DEMO_PASSWORD });
  const officer = await createStaff({
    roles: ["officer"],
    groupIds: [sandwell.id, horizons.id],
    name: "Priya Participation",
    email: "officer@voices.test",
    password: DEMO_PASSWORD,
  });
  await createStaff({ roles: ["safeguarding_lead"], name: "Sam Safeguarding", email: "lead@voices.test", password: DEMO_PASSWORD });
  const board = await createStaff({ roles: ["board_member"], name: "Bola Board", email: "board@voices.test", password: DEMO_PASSWORD });
  // A board member who is also an interpreter: may mark translations checked.
  const interpreter = await createStaff({
    roles: ["board_member", "translator"],
    name: "Ines Interpreter",
    email: "interpreter@voices.test",
    password: DEMO_PASSWORD,
  });

  await updateOrganisationSettings(admin.id, {
    name: "Sandwell Children's Trust (demo)",
    suppressionThreshold: 6,
    overdueAfterDays: 28,
    escalateAfterMinutes: 15,
    helplines: [
      { kind: "childline", name: "Childline", phone: "0800 1111", hours: "24 hours" },
      { kind: "out_of_hours", name: "Out-of-hours social care team (demo number)", phone: "0121 000 0000", hours: "Evenings and weekends" },
    ],
  });

  await createInvite(sandwell.id, officer.id, { code: "24681357", maxUses: 100, expiresAt: new Date(Date.now() + 365 * 86_400_000) });
  await createInvite(horizons.id, officer.id, { code: "13572468", maxUses: 100, expiresAt: new Date(Date.now() + 365 * 86_400_000) });

  const jordan = await createYoungPerson({ groupIds: [sandwell.id], nickname: "jordan", locale: "en", ageBand: "16-17", password: DEMO_PASSWORD });
  const amira = await createYoungPerson({ groupIds: [horizons.id], nickname: "amira", locale: "ar", ageBand: "16-17", password: DEMO_PASSWORD });
  // Enough members that some numbers on the board pass the threshold and some do not.
  const others = [];
  for (const [i, nickname] of ["kai", "mo", "zara", "tomasz", "leah", "dawit", "hamid"].entries()) {
    others.push(
      await createYoungPerson({
        groupIds: [i < 4 ? sandwell.id : horizons.id],
        nickname,
        locale: i < 4 ? "en" : "ar",
        ageBand: i % 2 ? "13-15" : "18-25",
        password: DEMO_PASSWORD,
      }),
    );
  }

  // Waiting for an officer.
  await createFeedbackItem({ authorId: jordan.id, groupId: sandwell.id, text: "Can we have wifi that works in the evenings at my placement?", themeKey: "home", mood: 2 });
  await createFeedbackItem({ authorId: amira.id, groupId: horizons.id, text: "أريد دروس لغة إنجليزية أكثر في الأسبوع", language: "ar", themeKey: "school", mood: 3, identity: "safeguarding" });
  await createFeedbackItem({ authorId: others[5]!.id, groupId: horizons.id, text: "ما به کلاس فوتبال نیاز داریم", language: "fa", themeKey: "activities", mood: 4 });

  // Approved: "activities" reaches the threshold (7 young people), "health" does not (2).
  const approved = [];
  const activityWords = [
    "More trips at the weekend please",
    "A youth club night just for us",
    "Free bus passes so we can get to activities",
    "Football on Saturdays",
    "نريد رحلات أكثر في العطلة",
    "Swimming lessons",
    "Art club at the library",
  ];
  for (const [i, author] of [jordan, ...others.slice(0, 5), amira].entries()) {
    approved.push(
      await createFeedbackItem({
        authorId: author.id,
        groupId: i < 5 ? sandwell.id : horizons.id,
        text: activityWords[i]!,
        language: i === 4 ? "ar" : "en",
        themeKey: "activities",
        status: "approved",
        mood: 4,
        decidedById: officer.id,
      }),
    );
  }
  await createFeedbackItem({ authorId: others[6]!.id, groupId: horizons.id, text: "It takes weeks to see a doctor", themeKey: "health", status: "approved", decidedById: officer.id, mood: 2 });
  await createFeedbackItem({ authorId: jordan.id, groupId: sandwell.id, text: "Waiting lists for counselling are too long", themeKey: "health", status: "approved", decidedById: officer.id, mood: 1, mayQuote: false });
  // Held back and withdrawn.
  await prisma.feedbackItem.update({
    where: { id: (await createFeedbackItem({ authorId: others[1]!.id, groupId: sandwell.id, text: "My carer Mrs X at 12 High Street is unfair", status: "held", decidedById: officer.id })).id },
    data: { heldReason: "Names a carer and an address; asked the young person to rephrase." },
  });
  await createFeedbackItem({ authorId: others[2]!.id, groupId: sandwell.id, text: "never mind", status: "withdrawn" });

  const ask = await createAsk(officer.id, {
    title: "More things to do at weekends",
    body: "Young people in both groups asked for weekend activities, trips and free travel to get there.",
    feedbackIds: approved.map((a) => a.id),
    ownerId: board.id,
    dueAt: new Date(Date.now() + 30 * 86_400_000),
    translations: {
      ar: {
        title: "أشياء أكثر نفعلها في عطلة نهاية الأسبوع",
        body: "طلب الشباب في المجموعتين أنشطة في عطلة نهاية الأسبوع ورحلات ومواصلات مجانية للوصول إليها.",
      },
      ps: {
        title: "د اونۍ په پای کې د کولو لپاره ډېر شیان",
        body: "په دواړو ډلو کې ځوانانو د اونۍ د پای فعالیتونه، سفرونه او هلته د رسېدو لپاره وړیا ترانسپورت وغوښت.",
      },
      ti: {
        title: "ኣብ ቀዳመ-ሰንበት ዝግበሩ ዝያዳ ነገራት",
        body: "ኣብ ክልቲኡ ጉጅለታት ዘለዉ መንእሰያት ናይ ቀዳመ-ሰንበት ንጥፈታት፣ ዑደታትን ናብኡ ንምብጻሕ ነጻ መጓዓዝያን ሓቲቶም።",
      },
    },
  });
  // The interpreter checked the Arabic of the ask; the Pashto and Tigrinya wait for a check.
  const weekendsArabic = await prisma.askTranslation.findUniqueOrThrow({ where: { askId_locale: { askId: ask.id, locale: "ar" } }, select: { title: true, body: true, ask: { select: { title: true, body: true } } } });
  await setAskTranslationChecked(interpreter.id, ask.id, "ar", true, askTranslationFingerprint(weekendsArabic.ask, weekendsArabic));
  await acknowledgeAsk(board.id, ask.id);
  const agreed = await addAskUpdate(board.id, ask.id, {
    status: "agreed",
    text: "The board agreed to fund a monthly weekend trip from January.",
    translations: {
      ar: "وافق المجلس على تمويل رحلة شهرية في عطلة نهاية الأسبوع ابتداءً من يناير.",
      fa: "هیئت مسئولان موافقت کرد که از ژانویه هر ماه یک سفر آخر هفته را هزینه کند.",
    },
  });
  await setUpdateTranslationChecked(
    interpreter.id,
    agreed.id,
    "ar",
    true,
    updateTranslationFingerprint({ text: "The board agreed to fund a monthly weekend trip from January.", reason: null }, { text: "وافق المجلس على تمويل رحلة شهرية في عطلة نهاية الأسبوع ابتداءً من يناير.", reason: "" }),
  );
  await addAskUpdate(officer.id, ask.id, {
    status: "in_progress",
    text: "The first trip, to the Black Country Living Museum, is booked for 17 January.",
  });
  // An ask nobody has answered for five weeks: overdue, and its owner's reminder is waiting.
  const counselling = await createAsk(officer.id, {
    title: "Shorter waits for counselling",
    body: "Young people say the wait for counselling is months long.",
    translations: {
      ar: { title: "انتظار أقصر للحصول على الإرشاد النفسي", body: "يقول الشباب إن الانتظار للحصول على الإرشاد النفسي يستمر شهورًا." },
    },
    feedbackIds: [(await prisma.feedbackItem.findFirstOrThrow({ where: { text: "Waiting lists for counselling are too long" }, select: { id: true } })).id],
    dueAt: null,
  });
  await prisma.ask.update({ where: { id: counselling.id }, data: { raisedAt: new Date(Date.now() - 35 * 86_400_000) } });
  await setAskOwnerAndDue(officer.id, counselling.id, { ownerId: board.id, dueAt: null, version: 1 });
  // An open poll for both groups, translated into Arabic, with answers from most of the members.
  const poll = await createPoll(officer.id, {
    title: "Summer holidays",
    intro: "Help us plan what happens over the summer.",
    titleTranslations: { ar: "العطلة الصيفية" },
    introTranslations: { ar: "ساعدونا في التخطيط لما يحدث في الصيف." },
    groupIds: [sandwell.id, horizons.id],
    opensAt: null,
    closesAt: new Date(Date.now() + 14 * 86_400_000),
    resultsVisibility: "after_vote",
    askId: null,
    questions: [
      {
        kind: "single",
        prompt: "Where should the summer trip go?",
        promptTranslations: { ar: "إلى أين نذهب في رحلة الصيف؟" },
        maxChoices: null,
        options: [
          { label: "The seaside", labelTranslations: { ar: "شاطئ البحر" } },
          { label: "A theme park", labelTranslations: { ar: "مدينة ملاهٍ" } },
          { label: "The countryside", labelTranslations: { ar: "الريف" } },
        ],
      },
      { kind: "scale", prompt: "How was last summer?", promptTranslations: { ar: "كيف كان الصيف الماضي؟" }, maxChoices: null, options: [] },
    ],
  });
  await setPollStatus(officer.id, poll.id, "open");
  const questions = await prisma.pollQuestion.findMany({
    where: { pollId: poll.id },
    orderBy: { position: "asc" },
    select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  for (const [i, person] of others.entries()) {
    await castVote(person.id, poll.id, [
      { questionId: questions[0]!.id, kind: "choice", optionIds: [questions[0]!.options[i < 6 ? 0 : 1]!.id] },
      { questionId: questions[1]!.id, kind: "choice", optionIds: [questions[1]!.options[3]!.id] },
    ]);
  }
  // The poll's voters asked for the seaside: an ask of the poll, answered, so every voter is told
  // (never how anybody voted).
  const seaside = await createAsk(officer.id, {
    title: "A summer trip to the seaside",
    body: "Most young people who answered the summer poll chose the seaside.",
    feedbackIds: [],
    pollIds: [poll.id],
    ownerId: officer.id,
    dueAt: new Date(Date.now() + 60 * 86_400_000),
    translations: {
      ar: { title: "رحلة صيفية إلى شاطئ البحر", body: "اختار معظم الشباب الذين أجابوا على استطلاع الصيف شاطئ البحر." },
      ps: { title: "د دوبي سفر سمندر غاړې ته", body: "ډېرو هغو ځوانانو چې د دوبي نظرپوښتنې ته یې ځواب ورکړ، سمندر غاړه غوره کړه." },
      ti: { title: "ናይ ሓጋይ ዑደት ናብ ገምገም ባሕሪ", body: "ነቲ ናይ ሓጋይ ሕቶ ዝመለሱ መብዛሕትኦም መንእሰያት ገምገም ባሕሪ መሪጾም።" },
    },
  });
  await acknowledgeAsk(interpreter.id, seaside.id);
  await addAskUpdate(interpreter.id, seaside.id, {
    status: "agreed",
    text: "Yes: the summer trip will go to the seaside. We are choosing a date.",
    translations: { ar: "نعم: ستكون رحلة الصيف إلى شاطئ البحر. نحن نختار موعدًا." },
  });

  // Names the moderation queue suggests removing, and two possible disclosures for the lead: one
  // the screen found (the author let the team know it was them), one an officer escalated.
  for (const [kind, text] of [["school", "Oakwood Academy"], ["placement", "Willow House"], ["name", "Mrs Khan"]] as const) {
    await prisma.redactionTerm.create({ data: { kind, text, addedById: admin.id } });
  }
  await createFeedbackItem({
    authorId: others[0]!.id,
    groupId: sandwell.id,
    text: "Can someone call me on 07700 900123? My friend Kacper at Oakwood Academy said the trip is cancelled.",
    themeKey: "activities",
  });
  await createFeedback({
    authorId: others[3]!.id,
    groupId: sandwell.id,
    text: "I don't feel safe at home, my foster carer shouts and hits me when I'm late",
    language: "en",
    mood: 1,
    themeId: null,
    identity: "team",
    mayQuote: false,
    clientRequestId: "demo-disclosure",
  });
  const worrying = await createFeedbackItem({
    authorId: others[5]!.id,
    groupId: horizons.id,
    text: "المهرب يقول إنني ما زلت مدينًا له بالمال",
    language: "ar",
    identity: "safeguarding",
    mayQuote: false,
  });
  await escalateFeedback(officer.id, worrying.id, worrying.version, "Sounds like debt bondage to the smuggler: please look today.");
  // History for the board's dashboard, which counts whole months that have ended (decision 012):
  // what was approved above happened last month, and four months before it had their own items,
  // some themes with enough young people to be shown and some without.
  const monthsAgo = (n: number, day = 12) => {
    const d = new Date();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, day, 11));
  };
  await prisma.feedbackItem.updateMany({ where: { status: "approved" }, data: { decidedAt: monthsAgo(1, 20), createdAt: monthsAgo(1, 18) } });
  // Thirteen more members in each group who said things in earlier months (they cannot sign in).
  const past = { [sandwell.id]: [] as { id: string }[], [horizons.id]: [] as { id: string }[] };
  for (const group of [sandwell, horizons]) {
    for (let i = 1; i <= 13; i++) past[group.id]!.push(await createYoungPerson({ groupIds: [group.id], nickname: `${group === sandwell ? "sandwell" : "horizons"}-member-${i}` }));
  }
  // Per month and group: a theme seven young people raised (happy), one six raised (unhappy), and
  // now and then one only two raised, which the board sees as "fewer than 6".
  const history: [months: number, happy: string, unhappy: string, few: string | null][] = [
    [2, "activities", "school", "family"],
    [3, "school", "home", null],
    [4, "activities", "health", "money"],
    [5, "family", "support", null],
    [6, "activities", "home", null],
  ];
  for (const [months, happy, unhappy, few] of history) {
    for (const group of [sandwell, horizons]) {
      const members = past[group.id]!;
      const said: [author: { id: string }, themeKey: string, mood: number][] = [
        ...members.slice(0, 7).map((m) => [m, happy, 4] as [{ id: string }, string, number]),
        ...members.slice(7, 13).map((m) => [m, unhappy, 2] as [{ id: string }, string, number]),
        ...(few ? members.slice(0, 2).map((m) => [m, few, 4] as [{ id: string }, string, number]) : []),
      ];
      for (const [author, themeKey, mood] of said) {
        const item = await createFeedbackItem({ authorId: author.id, groupId: group.id, text: `About ${themeKey}`, themeKey, status: "approved", decidedById: officer.id, mood, mayQuote: false });
        await prisma.feedbackItem.update({ where: { id: item.id }, data: { decidedAt: monthsAgo(months, 20), createdAt: monthsAgo(months, 15) } });
      }
    }
  }
  console.log("Demo data added. Sign-in details are in README.md.");
}

await seed();
await disconnectDb();
