/**
 * gradgrid's automatic differentiation, JAX style: trace a Java function once into a typed graph
 * ({@link gradgrid.ad.Fn}), transform the graph ({@link gradgrid.ad.AD}: grad with argnums, jvp,
 * vjp, jacfwd, jacrev, hessian, composable to any depth; fix to bind inputs to literals), then run
 * it. Data flows one way: trace ({@code trace}) -> graph ({@code ir}) -> transform ({@code
 * transform}) -> run (the interpreter). No Spark dependency.
 */
package gradgrid.ad;
