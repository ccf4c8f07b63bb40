/**
 * Reading sweep confs. {@link gradgrid.job.conf.SweepConfLoader} walks the HOCON tree itself
 * (rather than asking for paths) so that every unknown key is found, with a did-you-mean hint and
 * the file and line of the value; every problem is a {@link gradgrid.job.conf.ConfException}, which
 * the main class turns into exit code 2 before Spark starts. The loader is the public entry; each
 * block of the conf has its own package-private reader ({@code ConfFile}, {@code FunctionBlock},
 * {@code InputsBlock}, {@code AxisBlock}, {@code SampleBlock}, {@code OutputsList}, {@code
 * OutputBlock}, {@code FiguresBlock}, {@link gradgrid.job.conf.Limits}), and {@code ConfValues}
 * holds the value helpers and their messages. Which parameters a function takes is asked of a
 * {@link gradgrid.job.conf.SignatureResolver}, so this package uses nothing of the AD library but
 * its did-you-mean ({@code gradgrid.ad.lang.Suggest}).
 */
package gradgrid.job.conf;
