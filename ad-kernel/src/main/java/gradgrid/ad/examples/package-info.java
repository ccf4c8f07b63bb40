/** The worked example {@code P(x) / (1 + Q(x)^2)}, traced in Java, and a runnable demo of it. */
package gradgrid.ad.examples;
