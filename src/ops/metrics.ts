// The Prometheus metrics, in a registry of their own (so tests, and anything embedding the
// bot, can have several). Counters are fed as things happen; the gauges are read from the
// run status whenever /metrics is scraped, so they cannot drift from the truth.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Platform } from '../core/answering/recorder.js';
import type { RunStatus } from './run-status.js';

export const METRIC_DEFAULTS = Object.freeze({
  // Answers take milliseconds; the top buckets catch a machine in trouble.
  answerSecondsBuckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

export type QuestionOutcome = 'answered' | 'declined';

export class Metrics {
  readonly registry = new Registry();
  readonly questions: Counter<'platform' | 'outcome'>;
  readonly answerSeconds: Histogram<'platform'>;
  readonly reloads: Counter<'outcome'>;
  readonly rateLimited: Counter<'platform'>;
  readonly questionLogDropped: Counter;

  constructor(status: RunStatus, options: { platforms?: readonly Platform[] } = {}) {
    const registers = [this.registry];
    this.questions = new Counter({ name: 'storybot_questions_total', help: 'Questions asked, by platform and outcome (answered or declined).', labelNames: ['platform', 'outcome'], registers });
    this.answerSeconds = new Histogram({ name: 'storybot_answer_duration_seconds', help: 'Time to find an answer (or decline), in seconds.', labelNames: ['platform'], buckets: METRIC_DEFAULTS.answerSecondsBuckets, registers });
    this.reloads = new Counter({ name: 'storybot_reloads_total', help: 'Knowledge base reloads, by outcome (ok, or failed and kept the previous one).', labelNames: ['outcome'], registers });
    this.rateLimited = new Counter({ name: 'storybot_rate_limited_total', help: 'Requests refused by the per-user rate limit, by platform.', labelNames: ['platform'], registers });
    this.questionLogDropped = new Counter({ name: 'storybot_question_log_dropped_total', help: 'Questions dropped from the question log because it could not be written for long enough that its queue filled.', registers });
    new Gauge({
      name: 'storybot_knowledge_entries',
      help: 'Entries in the knowledge base being served, by status (published or draft).',
      labelNames: ['status'],
      registers,
      collect() {
        const counts = status.entryCounts();
        this.set({ status: 'published' }, counts.published);
        this.set({ status: 'draft' }, counts.draft);
      },
    });
    new Gauge({
      name: 'storybot_adapter_connected',
      help: 'Whether each platform adapter is connected (1) or not (0).',
      labelNames: ['adapter'],
      registers,
      collect() {
        for (const adapter of status.adapters) this.set({ adapter: adapter.name }, adapter.connected() ? 1 : 0);
      },
    });
    // Zero from the start, so a dashboard shows a flat line rather than no data.
    for (const outcome of ['ok', 'failed']) this.reloads.inc({ outcome }, 0);
    for (const platform of options.platforms ?? []) {
      this.rateLimited.inc({ platform }, 0);
      for (const outcome of ['answered', 'declined']) this.questions.inc({ platform, outcome }, 0);
    }
    // Process metrics under their usual names (process_*, nodejs_*), as dashboards expect.
    collectDefaultMetrics({ register: this.registry });
  }

  question(platform: Platform, outcome: QuestionOutcome, ms: number): void {
    this.questions.inc({ platform, outcome });
    this.answerSeconds.observe({ platform }, ms / 1000);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
