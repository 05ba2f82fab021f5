// The product's fixed vocabularies, shared by models (server), forms and screens (browser).
// Stored as strings (docs/decisions/002-database.md); these lists are the only source.

export const STAFF_ROLES = ["officer", "safeguarding_lead", "board_member", "admin", "translator"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ASK_STATUSES = ["raised", "agreed", "in_progress", "done", "not_possible"] as const;
export type AskStatus = (typeof ASK_STATUSES)[number];
/** The answers an ask can be given after it is raised. */
export const UPDATE_STATUSES = ["agreed", "in_progress", "done", "not_possible"] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

/** k in small-number suppression may be raised above the Department for Education's 6, never lowered. */
export const MIN_SUPPRESSION_THRESHOLD = 6;

export const QUESTION_KINDS = ["single", "multiple", "scale", "ranking", "text"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const RESULTS_VISIBILITY = ["after_vote", "after_close", "never"] as const;
export type ResultsVisibility = (typeof RESULTS_VISIBILITY)[number];
export const POLL_STATUSES = ["draft", "open", "closed"] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];
/** The emoji scale every scale question uses, 1 to 5. */
export const SCALE_VALUES = [1, 2, 3, 4, 5] as const;

/** What the moderation queue can show: waiting items, held back, recently approved. */
export const QUEUE_STATES = ["pending", "held", "approved"] as const;
export type QueueState = (typeof QUEUE_STATES)[number];
