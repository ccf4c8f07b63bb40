/**
 * gradgrid's DataFrame API: a function's outputs and derivatives added as columns to any Spark
 * DataFrame.
 *
 * <p>{@link gradgrid.job.frame.Gradgrid#evaluate} (or {@link gradgrid.job.frame.Gradgrid#of} for
 * bindings under other names and fixed parameters) parses the outputs with the conf's own output
 * parser, so it accepts exactly the outputs a sweep accepts and names the columns as a sweep does;
 * checks the parameters' columns against the DataFrame's schema; builds the outputs' AD transforms
 * of the traced function with the fixed parameters folded in after the transforms; and maps each
 * partition through {@code BatchedRows}, which fills the kernel's input columns a batch of rows at
 * a time and runs the compiled kernel once per batch, the sweep's column path. The kernel is
 * compiled once per executor JVM (the jit's cache).
 *
 * <p>{@link gradgrid.job.frame.TableSweep} is a sweep conf's {@code inputs.from-table}: the table's
 * rows, each expanded over the conf's grid inside its task ({@code GridProduct}), go through the
 * same {@code BatchedRows} with the sweep's own kernel (the {@code Column} inputs read from the
 * table, the axes from the expanded columns) and the sweep's column statistics.
 *
 * <p>The rows pass through Spark's public row encoder ({@code Encoders.row}); converting each row
 * to and from the external {@code Row} is the cost over a sweep, which produces its rows inside the
 * data source ({@code bench/evaluate.sh} measures both).
 */
package gradgrid.job.frame;
