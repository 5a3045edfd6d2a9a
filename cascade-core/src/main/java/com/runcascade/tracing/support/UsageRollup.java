package com.runcascade.tracing.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;

/**
 * The sums of a run's or agent's subtree: tokens, cost, LLM calls and tool calls. Each run and
 * agent puts one into its context; an LLM call or tool call that ends adds itself to every
 * enclosing one, on whatever thread it ends, and the run or agent writes its sums as
 * {@code cascade.usage.*} when it ends. Lock-free: counters are atomics.
 */
public final class UsageRollup {

	private static final Logger logger = LoggerFactory.getLogger(UsageRollup.class);

	private static final ContextKey<UsageRollup> KEY = ContextKey.named("cascade-usage-rollup");

	private static final int INPUT = 0;

	private static final int OUTPUT = 1;

	private static final int TOTAL = 2;

	private static final int LLM = 3;

	private static final int TOOL = 4;

	/** Runs open right now in the application, to explain work that starts outside of any. */
	private static final AtomicInteger openRuns = new AtomicInteger();

	private static final long HINT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(10);

	/** Whether the next span outside a run warns at once (the first one of an application start). */
	private static final AtomicBoolean hintArmed = new AtomicBoolean(true);

	private static final AtomicLong nextHintNanos = new AtomicLong();

	private static final AtomicLong hintsSuppressed = new AtomicLong();

	private final @Nullable UsageRollup parent;

	private final boolean run;

	private final AtomicLongArray counts = new AtomicLongArray(5);

	/** Cost in USD as the bits of a double; {@code -1} bits (a NaN) while no call had a known price. */
	private final AtomicLong costBits = new AtomicLong(-1L);

	private final AtomicBoolean finished = new AtomicBoolean();

	private UsageRollup(@Nullable UsageRollup parent, boolean run) {
		this.parent = parent;
		this.run = run;
	}

	/**
	 * A context with a new roll-up for a run or agent below the enclosing one.
	 * @param context the run's or agent's context
	 * @param run whether it is a run (counted as open until {@link #finish})
	 * @return the context with the roll-up
	 */
	public static Context start(Context context, boolean run) {
		UsageRollup rollup = new UsageRollup(context.get(KEY), run);
		if (run) {
			openRuns.incrementAndGet();
		}
		return context.with(KEY, rollup);
	}

	/**
	 * The innermost roll-up of a context.
	 * @param context the context
	 * @return the roll-up, or {@code null} outside of any run or agent
	 */
	public static @Nullable UsageRollup of(Context context) {
		return context.get(KEY);
	}

	/**
	 * Count one ended LLM call in every run and agent around it.
	 * @param context the context the call started in
	 * @param input input tokens, if reported
	 * @param output output tokens, if reported
	 * @param total total tokens, if reported
	 * @param cost cost in USD, if the price is known
	 */
	public static void addLlmCall(Context context, @Nullable Long input, @Nullable Long output,
			@Nullable Long total, @Nullable Double cost) {
		for (UsageRollup rollup = context.get(KEY); rollup != null; rollup = rollup.parent) {
			rollup.counts.incrementAndGet(LLM);
			addIfPresent(rollup, INPUT, input);
			addIfPresent(rollup, OUTPUT, output);
			addIfPresent(rollup, TOTAL, total);
			if (cost != null && Double.isFinite(cost)) {
				rollup.addCost(cost);
			}
		}
	}

	/**
	 * Count one tool call in every run and agent around it.
	 * @param context the context the tool call started in
	 */
	public static void addToolCall(Context context) {
		for (UsageRollup rollup = context.get(KEY); rollup != null; rollup = rollup.parent) {
			rollup.counts.incrementAndGet(TOOL);
		}
	}

	/**
	 * Warn, with the fix, when an agent, LLM or tool span starts outside of any run or agent while
	 * runs are open elsewhere: the usual cause is work handed to a thread the context did not
	 * travel to, and the run's sums then undercount. Rate-limited: the first time, then at most once
	 * every {@link #HINT_INTERVAL_NANOS} with the number of such spans since.
	 * @param context the context the span starts in
	 * @param what what starts, for the message
	 */
	public static void hintIfOutsideRun(Context context, String what) {
		if (context.get(KEY) != null || openRuns.get() == 0) {
			return;
		}
		long now = System.nanoTime();
		if (hintArmed.compareAndSet(true, false)) {
			nextHintNanos.set(now + HINT_INTERVAL_NANOS);
			warnOutsideRun(what);
			return;
		}
		long next = nextHintNanos.get();
		if (now - next >= 0 && nextHintNanos.compareAndSet(next, now + HINT_INTERVAL_NANOS)) {
			warnOutsideRun(what);
			return;
		}
		hintsSuppressed.incrementAndGet();
	}

	private static void warnOutsideRun(String what) {
		long suppressed = hintsSuppressed.getAndSet(0);
		logger.warn("Cascade recorded " + what + " outside of any run while runs are open on other threads, so "
				+ "it starts a trace of its own and the run's sums leave it out. The context did not travel to the "
				+ "thread it runs on: use a Spring-managed executor (@Async, a ThreadPoolTaskExecutor or "
				+ "SimpleAsyncTaskExecutor bean), or Cascade.wrap(executor) for your own pools and "
				+ "Cascade.withContext(...) for lambdas (parallel streams, CompletableFuture)."
				+ ((suppressed > 0) ? " " + suppressed + " more since the last warning." : "")
				+ " Logged at most once every 10 minutes.");
	}

	/** Let the next application context that starts warn again at once. */
	public static void rearmHint() {
		hintArmed.set(true);
		hintsSuppressed.set(0);
	}

	/**
	 * Write the sums as {@code cascade.usage.*} onto the run's or agent's span, once.
	 * @param span the span about to end
	 */
	public void finish(Span span) {
		if (!this.finished.compareAndSet(false, true)) {
			return;
		}
		if (this.run) {
			openRuns.decrementAndGet();
		}
		long llmCalls = this.counts.get(LLM);
		span.setAttribute(CascadeAttributes.USAGE_LLM_CALLS, llmCalls);
		span.setAttribute(CascadeAttributes.USAGE_TOOL_CALLS, this.counts.get(TOOL));
		if (llmCalls > 0) {
			span.setAttribute(CascadeAttributes.USAGE_INPUT_TOKENS, this.counts.get(INPUT));
			span.setAttribute(CascadeAttributes.USAGE_OUTPUT_TOKENS, this.counts.get(OUTPUT));
			span.setAttribute(CascadeAttributes.USAGE_TOTAL_TOKENS, this.counts.get(TOTAL));
		}
		long bits = this.costBits.get();
		if (bits != -1L) {
			span.setAttribute(CascadeAttributes.USAGE_COST_USD, Double.longBitsToDouble(bits));
		}
	}

	private void addCost(double cost) {
		long previous;
		long next;
		do {
			previous = this.costBits.get();
			double sum = ((previous != -1L) ? Double.longBitsToDouble(previous) : 0.0) + cost;
			next = Double.doubleToRawLongBits(sum);
		}
		while (!this.costBits.compareAndSet(previous, next));
	}

	private static void addIfPresent(UsageRollup rollup, int index, @Nullable Long value) {
		if (value != null) {
			rollup.counts.addAndGet(index, value);
		}
	}

}
