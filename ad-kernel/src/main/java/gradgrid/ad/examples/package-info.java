/**
 * The worked example {@code P(x) / (1 + Q(x)^2)}, traced in Java, and runnable demos of it, of the
 * math library ({@code MathLibrary}) and of custom derivative rules ({@code CustomRules}).
 */
package gradgrid.ad.examples;
