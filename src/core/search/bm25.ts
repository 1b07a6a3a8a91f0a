// Okapi BM25 over a small, fixed set of documents (the story's sentences). Written here
// rather than taken from a package: the documents are a few dozen sentences already turned
// into terms by the project's own analyser (aliases, phrases, synonyms), and a query term
// carries a quality (a typo-corrected word counts for less), which the kept BM25 packages
// have no place for; the formula itself is a dozen lines.
// Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond" (2009):
// score(d, q) = Σ idf(t) · tf(t, d) · (k1 + 1) / (tf(t, d) + k1 · (1 − b + b · |d| / avgdl)),
// with the idf that never goes negative, ln(1 + (N − df + 0.5) / (df + 0.5)).

export interface Bm25Options {
  /** How quickly repeats of a term stop adding to the score. */
  k1: number;
  /** How much a long document is discounted, 0 (not at all) to 1 (in full). */
  b: number;
}

export const BM25_DEFAULTS: Readonly<Bm25Options> = Object.freeze({ k1: 1.2, b: 0.75 });

export interface QueryTermWeight {
  term: string;
  /** 1 for a word as typed; less for one the engine is less sure of. */
  quality?: number;
}

export class Bm25 {
  private readonly postings = new Map<string, { docs: number[]; tfs: number[] }>();
  private readonly norms: Float64Array;
  readonly size: number;

  /** Each document as its terms with their counts. */
  constructor(documents: readonly ReadonlyMap<string, number>[], private readonly options: Bm25Options = BM25_DEFAULTS) {
    this.size = documents.length;
    const lengths = documents.map((d) => [...d.values()].reduce((sum, n) => sum + n, 0));
    const average = lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, lengths.length) || 1;
    this.norms = Float64Array.from(lengths, (length) => options.k1 * (1 - options.b + (options.b * length) / average));
    documents.forEach((document, i) => {
      for (const [term, count] of document) {
        if (count <= 0) continue;
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = { docs: [], tfs: [] }));
        list.docs.push(i);
        list.tfs.push(count);
      }
    });
  }

  /** How rare a term is; undefined for a term no document has. */
  idf(term: string): number | undefined {
    const df = this.postings.get(term)?.docs.length;
    return df === undefined ? undefined : Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * The most any document could score for the query: a term's part never reaches its idf
   * times (k1 + 1), and a term no document has counts as the rarest could. The best score
   * over this says how much of the question the story holds, whatever the question's length.
   */
  ceiling(query: readonly QueryTermWeight[]): number {
    const rarest = Math.log(1 + (this.size + 0.5) / 0.5);
    const seen = new Set<string>();
    let sum = 0;
    for (const { term, quality = 1 } of query) {
      if (seen.has(term)) continue;
      seen.add(term);
      sum += (this.idf(term) ?? rarest) * quality * (this.options.k1 + 1);
    }
    return sum;
  }

  /** The score of every document, 0 for those sharing no term with the query. */
  scores(query: readonly QueryTermWeight[]): Float64Array {
    const scores = new Float64Array(this.size);
    const seen = new Set<string>();
    for (const { term, quality = 1 } of query) {
      if (seen.has(term)) continue;
      seen.add(term);
      const list = this.postings.get(term);
      if (!list) continue;
      const weight = this.idf(term)! * quality;
      const { k1 } = this.options;
      for (let k = 0; k < list.docs.length; k++) {
        const doc = list.docs[k]!;
        const tf = list.tfs[k]!;
        scores[doc]! += (weight * tf * (k1 + 1)) / (tf + this.norms[doc]!);
      }
    }
    return scores;
  }

  /** The documents that share a term with the query, best first (ties: the earlier document). */
  rank(query: readonly QueryTermWeight[]): { doc: number; score: number }[] {
    const scores = this.scores(query);
    const ranked: { doc: number; score: number }[] = [];
    scores.forEach((score, doc) => {
      if (score > 0) ranked.push({ doc, score });
    });
    return ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}
