package gradgrid.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gradgrid.job.testing.SparkTestSession;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The session's settings that keep exit codes to gradgrid's: with a local master, a task that runs
 * out of memory outside gradgrid's code fails as a task instead of Spark ending the JVM with exit
 * code 52 (which would end this test JVM too).
 */
class SessionsTest {
  @Test
  void anOutOfMemoryErrorInATaskFailsTheJobAndTheJvmLivesOn() {
    SparkSession spark = SparkTestSession.get();
    assertEquals("0", spark.conf().get(Sessions.KILL_ON_FATAL_DEPTH));
    SparkException e =
        assertThrows(
            SparkException.class,
            () ->
                spark
                    .range(4)
                    .map(
                        (MapFunction<Long, Long>)
                            v -> {
                              throw new OutOfMemoryError("simulated in Spark's part of a task");
                            },
                        Encoders.LONG())
                    .count());
    assertTrue(e.getMessage().contains("simulated"), e.getMessage());
    assertEquals(4, spark.range(4).count(), "the session still runs jobs");
  }
}
