/**
 * gradgrid's functions as Spark SQL functions: derivatives on any table's rows.
 *
 * <p>{@link gradgrid.job.functions.GradgridFunctions} is a DataSource V2 {@code FunctionCatalog}.
 * Each function it knows (a sweep conf's {@code function} block, or one defined inline in a catalog
 * option) is a namespace, and each output of that function a scalar function named like the sweep's
 * column of that output ({@code OutputNames} reads a name back through the conf's own output
 * parser, so SQL accepts exactly the outputs a sweep accepts). Binding a call checks the argument
 * types, applies the output's AD transform to the traced function, checks the kernel against the
 * conf's limits and ships that graph; each executor JVM compiles the kernel once.
 *
 * <p>Spark calls a bound function ({@code ScalarOutput} for a double, {@code ArrayOutput} for an
 * array or a matrix) through its {@code invoke} methods from generated code, one row per call, so a
 * query stays in whole-stage code generation; signatures without an {@code invoke} overload run
 * through {@code produceResult}. A call runs the batch kernel on one row, which costs far more per
 * row than the kernel in batches ({@code bench/functions.sh}); for many rows of a grid the {@code
 * gradgrid} source evaluates in batches.
 */
package gradgrid.job.functions;
