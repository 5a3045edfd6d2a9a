package com.runcascade.tracing.support;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;

/**
 * The sums of a run's or agent's subtree: tokens, cost, LLM calls and tool calls. Each run and
 * agent puts one into its context; an LLM call or tool call that ends adds itself to every
 * enclosing one, on whatever thread it ends, and the run or agent writes its sums as
 * {@code cascade.usage.*} when it ends. Lock-free: counters are atomics.
 */
public final class UsageRollup {

	private static final Log logger = LogFactory.getLog(UsageRollup.class);

	private static final ContextKey<UsageRollup> KEY = ContextKey.named("cascade-usage-rollup");

	private static final int INPUT = 0;

	private static final int OUTPUT = 1;

	private static final int TOTAL = 2;

	private static final int LLM = 3;

	private static final int TOOL = 4;

	/** Runs open right now in the application, to explain work that starts outside of any. */
	private static final AtomicInteger openRuns = new AtomicInteger();

	private static final AtomicBoolean hintLogged = new AtomicBoolean();

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
	 * Log once, with the fix, when an LLM or tool span starts outside of any run or agent while
	 * runs are open elsewhere: the usual cause is work handed to a thread the context did not
	 * travel to.
	 * @param context the context the span starts in
	 * @param what what starts, for the message
	 */
	public static void hintIfOutsideRun(Context context, String what) {
		if (context.get(KEY) != null || openRuns.get() == 0 || hintLogged.get()) {
			return;
		}
		if (hintLogged.compareAndSet(false, true)) {
			logger.info("Cascade recorded " + what + " outside of any run while runs are open on other threads, so "
					+ "it starts a trace of its own. The context did not travel to the thread it runs on: use a "
					+ "Spring-managed executor, or Cascade.wrap(executor) for your own pools and "
					+ "Cascade.withContext(...) for lambdas (parallel streams, CompletableFuture). Logged once per application start.");
		}
	}

	/** Let the next application context that starts give the hint again. */
	public static void rearmHint() {
		hintLogged.set(false);
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
