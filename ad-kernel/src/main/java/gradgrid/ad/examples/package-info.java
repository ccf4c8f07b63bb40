/**
 * The worked example {@code P(x) / (1 + Q(x)^2)}, traced in Java, and runnable demos of it, of the
 * math library ({@code MathLibrary}), of custom derivative rules ({@code CustomRules}) and of ODE
 * models written as loops ({@code Odes}).
 */
package gradgrid.ad.examples;
