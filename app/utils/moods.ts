/** The emoji scale for moods, 1 (very sad) to 5 (very happy); words in locales' youth:moods.N. */
export const MOOD_EMOJI: Record<number, string> = { 1: "😢", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄" };
