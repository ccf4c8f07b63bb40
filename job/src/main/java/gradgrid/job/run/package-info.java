/**
 * Evaluation on executors. The seam is {@link gradgrid.job.run.BatchEvaluator} (the axis columns
 * in, output columns out, one batch at a time) behind a serializable {@link
 * gradgrid.job.run.EvaluatorFactory} built for one sweep, its fixed inputs included; functions come
 * from {@link gradgrid.job.run.FunctionProvider}s found with {@link java.util.ServiceLoader} (the
 * built-in {@code rational} and text expressions).
 *
 * <p>For AD functions, {@link gradgrid.job.run.AdPlan} turns the requested outputs into one
 * multi-output traced function using only the ad-kernel's transforms, so shared subexpressions of
 * f, f', f'' and the gradients are computed once. Its raw outputs use the compiled kernels' column
 * ABI. The sweep's inputs are bound into that function by the ad-kernel's {@code AD.fix}, one
 * {@link gradgrid.job.conf.InputBinding} after another: fixed values become literals folded after
 * the AD transforms, and what is left is a function of the axis columns in grid order (of nothing
 * for a grid without axes), the kernel's only inputs. The jit's kernel of it (cached per JVM)
 * computes the raw outputs, and the reference interpreter runs the same bound function behind the
 * same interface for checks. {@link gradgrid.job.run.SweepTask} is what a Spark task runs:
 * coordinates, batches, binary rows and per-column statistics.
 */
package gradgrid.job.run;
