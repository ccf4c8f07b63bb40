/**
 * {@code jit}: compiles a graph into one fused batch kernel, the last step of trace -> transform ->
 * compile -> run.
 *
 * <h2>What a kernel is</h2>
 *
 * A graph with any number of outputs (f, f' and f'' together; f and its coefficient gradient; the
 * 78 unique entries of a coefficient Hessian) becomes one Java class whose method loops over a
 * batch of points. Every element of every vector or matrix becomes a local {@code double} ({@code
 * Scalarizer}); shared subexpressions are computed once per point (value numbering on top of the
 * graph's own CSE); integer powers unroll into exactly the multiplications {@link
 * gradgrid.ad.prim.IntPow#pow} does; sums and dot products accumulate left to right from the first
 * term as the interpreter does, and Java never contracts to FMA. So a kernel's results equal {@link
 * gradgrid.ad.ir.Interpreter}'s bit for bit, NaN and infinities included. The one exception is a
 * batched contraction lowered to native dgemm (below), which is equal to rounding. Each primitive
 * lowers itself ({@link gradgrid.ad.prim.Primitive#lower}, through the {@link
 * gradgrid.ad.prim.ScalarEmitter} that {@code Scalarizer} implements); one without a scalar form
 * ({@code max}, {@code eigvalsh}) is called through its own {@code eval} rule, so every graph
 * compiles. The rule-table functions become calls to the static method their table line names.
 *
 * <h2>ABI</h2>
 *
 * Flat {@code double[]} columns: one input column per scalar element of each graph input, in input
 * order, row-major within a vector or matrix; one output column per scalar element of each output,
 * the same way. For the worked example {@code f(x, alpha[6], beta[6])} the input columns are {@code
 * x, alpha0..alpha5, beta0..beta5}; for its Hessian w.r.t. (alpha, beta) the output columns are the
 * four 6x6 blocks, each row-major. Row r of a batch is element r of every column.
 *
 * <pre>{@code
 * Fn f = Rational.of(5, 5);
 * Fn fx = Jit.bind(Jit.bind(f, "alpha", a), "beta", b);      // fixed axes become literals
 * Kernel k = Jit.compile(Fn.concat("f012", fx, AD.grad(fx), AD.grad(AD.grad(fx))));
 * double[][] in = {xs};                                      // k.inputWidth() == 1
 * double[][] out = new double[k.outputWidth()][xs.length];   // 3 columns: f, f', f''
 * k.run(in, out, 0, xs.length);                              // or run(in, inOff, out, outOff, n)
 * }</pre>
 *
 * Kernels are immutable and thread-safe. {@link gradgrid.ad.compile.Jit#compile} goes through a
 * JVM-wide bounded LRU cache keyed by {@link gradgrid.ad.compile.Jit#key}, a SHA-256 of a canonical
 * serialisation of the graph (primitive names and parameters, shapes, variables by position,
 * literals as raw IEEE bits) plus the options that change generated code. Equal graphs built
 * separately, in one JVM or in two, get the same key, so a Spark job that deserialises its function
 * in every task compiles once per executor JVM. {@link gradgrid.ad.compile.Jit#warmUp} loads the
 * compiler ahead of the first kernel.
 *
 * <h2>Generated code</h2>
 *
 * Source text built by {@code SourceGen} and compiled with Janino 3.1.9 (the compiler Spark ships).
 * Every identifier in it is made by the generator ({@code v12}, {@code i3}, {@code o0}); literal
 * values enter through the constructor's constants array and helper objects through a references
 * array, never as text. Straight-line bodies are cut into private methods of at most about 7,000
 * bytes of bytecode, each with its own row loop, because HotSpot never JIT-compiles a method over
 * 8,000 bytes ({@code HugeMethodLimit}); the real sizes are read back from the class file and the
 * body is cut finer if one is still too big. With several methods the batch runs in tiles of 256
 * rows and values that cross methods live in scratch columns of one tile. Compile time is logged at
 * {@code FINE} (DEBUG through SLF4J bridges) on the logger {@code gradgrid.ad.compile.Jit}; a
 * compile failure throws {@link gradgrid.ad.compile.KernelCompileException} carrying the generated
 * source with line numbers. A kernel too large to compile (the compiler runs out of memory, a
 * method over the JVM's 64 KB of code, a constant pool over 65,535 entries) throws the subclass
 * {@link gradgrid.ad.compile.KernelTooLargeException} instead, one line without the source: {@code
 * the kernel is too large: N outputs (E equations; reason); raise the heap (-Xmx) or split the
 * outputs over several kernels}. Catching the {@code OutOfMemoryError} there keeps it from killing
 * the JVM (a Spark executor) that compiles.
 *
 * <h2>Loops</h2>
 *
 * A {@link gradgrid.ad.prim.Loop} (from {@link gradgrid.ad.trace.Loops}) is a real loop in the
 * kernel: {@code Scalarizer} scalarises its body once into a program of its own and adds one LOOP
 * node, shared by the equations of all the loop's outputs (keyed by body, bounds and inputs);
 * {@code Statements} writes it inside the row loop as a Java {@code for} over the trip count, the
 * carries local doubles, the body's statements once inside (a nested loop the same way,
 * recursively). The bounds and array sizes are read from an {@code int[]} among the references, so
 * the kernel's text is the same for 1,000 steps and for 1,000,000. Each per-step output the kernel
 * reads is one {@code double[length * width]} allocated before the row loop of its method (once per
 * call, so kernels stay thread-safe) and rewritten for every row; {@link gradgrid.ad.prim.DynIndex}
 * on it (how the reverse of a loop reads the carries the forward scan stored) is an array read, NaN
 * when the row is not an integer in range, exactly as its {@code eval}; anything else reads its
 * elements by constant index. A loop's step is a chain of dependent operations, so the method of a
 * segment with a loop computes four rows (or two) side by side while its copies fit the method
 * budget, each loop stepping all of them in one Java loop, then the last rows one at a time: an RK4
 * logistic loop of 1,000 steps runs 3.3 times faster that way than one row at a time, about as fast
 * as running each step over a tile of rows (measured by {@code LoopKernelBench} in the tests),
 * which would also need a tile of every stored carry stack. An array lives in one method, so the
 * splitter never cuts between a stacked output and its last reader, and a graph with loops has no
 * batched matrix-vector steps (which are cuts). The body is not split into methods: a loop whose
 * body compiles over the JIT's 8,000-byte limit runs in the bytecode interpreter (slow, still
 * exact). {@link gradgrid.ad.prim.DynPlace} and a {@code dyn_index} of a value that is not a
 * stacked output keep the {@code eval} rule. Loops compute in the interpreter's order, operation
 * for operation, so loop kernels too equal the interpreter bit for bit; they are not SIMD kernels
 * (a LOOP node has no lane-wise form).
 *
 * <h2>SIMD kernels</h2>
 *
 * With {@code -Dgradgrid.jit.simd=true} in a JVM that has the incubating Vector API ({@code
 * --add-modules jdk.incubator.vector}), {@code SimdSourceGen} writes a second class for a program
 * whose every node has an exact lane-wise form (sums, products, negation, reciprocals, square
 * roots, comparisons, selects): the row loop runs over {@code DoubleVector}s of the preferred
 * species, one lane per row, and the rows past the last whole vector go to the scalar kernel, which
 * it holds. Each of those operations rounds lane by lane as the scalar operator does, so the
 * results are the scalar kernel's bit for bit; any other node (a call of {@code exp}, a batched
 * product) keeps the kernel scalar, as does a loop that would not fit in one JIT-compiled method or
 * a class that does not compile. The switch is part of the cache key. {@code bench/vector-api.sh}
 * measures it.
 *
 * <h2>Native BLAS</h2>
 *
 * A matrix-vector product with a constant matrix (a dense layer {@code tanh(W x + b)}) runs batched
 * over each tile as a {@link gradgrid.ad.compile.MatVecStep}: fused Java loops, or one jblas dgemm
 * when the matrix has at least {@link gradgrid.ad.compile.MatVecStep#DGEMM_MIN_ELEMENTS} elements,
 * a threshold measured by the benchmarks in {@code bench/}. Native calls go through {@link
 * gradgrid.ad.linalg.Linalg}, which serialises them (jblas's BLAS is not thread-safe) and falls
 * back to Java when the library is missing.
 */
package gradgrid.ad.compile;
