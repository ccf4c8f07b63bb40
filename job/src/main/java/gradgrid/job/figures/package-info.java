/**
 * Figures of sweep outputs, drawn with JFreeChart as PNG and SVG: {@code ./submit.sh plot
 * <sweep.conf>}, and automatically after a sweep whose conf has a {@code figures} block.
 *
 * <p>A sweep over one scalar input x gives the reference's line figures: (1) f; (2) f and f'; (3)
 * f, f', f'' each divided by its largest absolute value so all three share the range [-1, 1]; (4)
 * df/dalpha for deg(P) = 2 (the first three components of {@code grad_alpha}: {@code df/dalpha_i =
 * x^i / (1 + Q^2)} does not depend on alpha, so they are exactly the deg(P) = 2 gradient); (5)
 * df/dbeta, one curve per component. A sweep over two axes gives (6): heatmaps of f and of |grad f|
 * in the plane of the two axes, each with a colour bar. Figures whose columns the sweep did not
 * write are skipped with a note.
 *
 * <p>That numbering is the reference's, kept for its function (the built-in {@code rational},
 * {@code FunctionLabel}); any other sweep's figures are titled and named from its function and
 * columns, with one figure per gradient output. Every one-axis sweep also gets curves of its
 * Hessian and eigenvalue outputs ({@code SecondOrderFigures}) and its extrema marked on f and f'
 * ({@code ExtremaMarks}); vector outputs whose components' ranges differ by more than 20x are drawn
 * one panel per component ({@code Panels}); heatmaps get a colour scale chosen from the data
 * ({@link gradgrid.job.figures.ColourScale}) and contour lines ({@code Contours}); and every axis a
 * tick density that fits the picture ({@code Ticks}).
 *
 * <p>Nothing is collected row by row. {@link gradgrid.job.figures.LineEnvelope} reduces each curve
 * in Spark to four points per pixel column (first, min, max, last: the M4 aggregation), which draws
 * the same picture as every row would, extremes included; {@link gradgrid.job.figures.HeatmapGrid}
 * reduces a plane to the mean per heatmap cell. A 1e8-row sweep therefore brings the same few
 * thousand values to the driver as a 1e4-row one.
 *
 * <p>Conf keys (all optional inside the block; the conf loader checks them and hands them over as
 * {@link gradgrid.job.conf.FiguresSpec}):
 *
 * <pre>
 * figures {
 *   dir = "out/seed-figures"                     # where the PNG and SVG files go
 *   heatmaps = "conf/seed-coefficients.conf"     # a two-axis sweep whose heatmaps are drawn too
 *   width = 1000, height = 600                   # pixels
 *   scale = auto                                 # heatmaps: linear | log | symlog | auto
 *   contours = 8                                 # contour lines per heatmap, 0..50
 *   small-multiples = auto                       # auto | always | never
 * }
 * </pre>
 */
package gradgrid.job.figures;
