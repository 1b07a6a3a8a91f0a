// What the curation loop reports to admins: questions the bot could not answer, answers
// people voted unhelpful, and entries nobody's question ever reached.

export interface DeclinedGroup {
  /** The most frequent phrasing of the group. */
  question: string;
  /** Every distinct phrasing in the group, most frequent first. */
  phrasings: string[];
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

export interface UnhelpfulAnswer {
  entryId: string;
  question: string;
  helpful: number;
  unhelpful: number;
}

export interface GapReport {
  declined: DeclinedGroup[];
  /** Set when the grouping ran out of time: how many distinct wordings it grouped, of how many. */
  partial?: { grouped: number; total: number };
  unhelpful: UnhelpfulAnswer[];
  neverMatched: { entryId: string; question: string }[];
}

/** Where the gap report comes from; the question log implements it. */
export interface GapSource {
  /**
   * Undefined while the log cannot be read (it could not be opened yet, or its server
   * cannot be reached). A promise: the report is read and grouped away from the answers.
   */
  gaps(limit: number): Promise<GapReport | undefined>;
}
