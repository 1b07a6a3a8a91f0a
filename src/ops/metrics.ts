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
  readonly questionLogWriteFailures: Counter;

  constructor(status: RunStatus, options: { platforms?: readonly Platform[] } = {}) {
    const registers = [this.registry];
    this.questions = new Counter({ name: 'storybot_questions_total', help: 'Questions asked, by platform and outcome (answered or declined).', labelNames: ['platform', 'outcome'], registers });
    this.answerSeconds = new Histogram({ name: 'storybot_answer_duration_seconds', help: 'Time to find an answer (or decline), in seconds.', labelNames: ['platform'], buckets: METRIC_DEFAULTS.answerSecondsBuckets, registers });
    this.reloads = new Counter({ name: 'storybot_reloads_total', help: 'Knowledge base reloads, by outcome (ok, or failed and kept the previous one).', labelNames: ['outcome'], registers });
    this.rateLimited = new Counter({ name: 'storybot_rate_limited_total', help: 'Requests refused by the per-user rate limit, by platform.', labelNames: ['platform'], registers });
    this.questionLogDropped = new Counter({ name: 'storybot_question_log_dropped_total', help: 'Questions dropped from the question log\'s full buffer, unwritten, while its database could not be written.', registers });
    this.questionLogWriteFailures = new Counter({ name: 'storybot_question_log_write_failures_total', help: 'Failed attempts to reach or write the question log\'s database; each is retried.', registers });
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
    new Gauge({
      name: 'storybot_redis_connected',
      help: 'Whether the shared state in Redis is reachable (1) or not (0); absent without REDIS_URL.',
      registers,
      collect() {
        if (status.redis) this.set(status.redis.connected() ? 1 : 0);
      },
    });
    // Per shard, so one shard stuck reconnecting shows even while the others answer.
    new Gauge({
      name: 'storybot_shard_connected',
      help: 'Whether each gateway shard is connected and ready (1) or not (0).',
      labelNames: ['adapter', 'shard'],
      registers,
      collect() {
        this.reset();
        for (const { adapter, shards } of status.shardStates()) for (const s of shards) this.set({ adapter, shard: String(s.id) }, s.ready ? 1 : 0);
      },
    });
    new Gauge({
      name: 'storybot_shard_heartbeat_seconds',
      help: "Each gateway shard's last heartbeat round trip, in seconds.",
      labelNames: ['adapter', 'shard'],
      registers,
      collect() {
        this.reset();
        for (const { adapter, shards } of status.shardStates()) for (const s of shards) if (s.pingMs !== null) this.set({ adapter, shard: String(s.id) }, s.pingMs / 1000);
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
