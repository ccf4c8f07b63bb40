/**
 * Evaluation on executors. The seam is {@link gradgrid.job.run.BatchEvaluator} (input columns in,
 * output columns out, one batch at a time) behind a serializable {@link
 * gradgrid.job.run.EvaluatorFactory}; functions come from {@link
 * gradgrid.job.run.FunctionProvider}s found with {@link java.util.ServiceLoader} (the built-in
 * {@code rational} and text expressions).
 *
 * <p>For AD functions, {@link gradgrid.job.run.AdPlan} turns the requested outputs into one
 * multi-output traced function using only the ad-kernel's transforms, so shared subexpressions of
 * f, f', f'' and the gradients are computed once. Its raw outputs use the compiled kernels' column
 * ABI: the jit's kernel (cached per JVM) computes them, with the sweep's fixed inputs folded in as
 * literals ({@link gradgrid.job.run.FixedInputs}), and the reference interpreter runs the unbound
 * function behind the same interface for checks. {@link gradgrid.job.run.SweepTask} is what a Spark
 * task runs: coordinates, batches, binary rows and per-column statistics.
 */
package gradgrid.job.run;
