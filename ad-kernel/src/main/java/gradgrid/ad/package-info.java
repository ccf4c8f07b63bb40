/**
 * gradgrid's automatic differentiation, JAX style: trace a Java function once into a typed graph
 * ({@link gradgrid.ad.Fn}), transform the graph ({@link gradgrid.ad.AD}: grad with argnums, jvp,
 * vjp, jacfwd, jacrev, hessian, composable to any depth; fix to bind inputs to literals), then run
 * it, reading the outputs flat, by name and shape ({@link gradgrid.ad.Result}) or as named columns
 * of a batch ({@link gradgrid.ad.Fn#callColumns}). Data flows one way: trace ({@code trace}) ->
 * graph ({@code ir}) -> transform ({@code transform}) -> run (the interpreter). No Spark
 * dependency.
 */
package gradgrid.ad;
