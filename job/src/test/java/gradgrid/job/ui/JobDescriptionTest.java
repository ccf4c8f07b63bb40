package gradgrid.job.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gradgrid.job.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The jobs started inside a description carry it; the previous one comes back afterwards. */
class JobDescriptionTest {
  @Test
  void jobsCarryTheDescriptionAndThePreviousOneIsRestored() throws Exception {
    SparkSession spark = SparkTestSession.get();
    List<String> seen = new ArrayList<>();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart job) {
            synchronized (seen) {
              seen.add(job.properties().getProperty(JobDescription.PROPERTY));
            }
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      spark.sparkContext().setJobDescription("outer");
      long n = JobDescription.call(spark, "sweep t:\n  evaluate", () -> spark.range(10).count());
      assertEquals(10, n);
      assertEquals("outer", spark.sparkContext().getLocalProperty(JobDescription.PROPERTY));
      assertThrows(
          IllegalStateException.class,
          () ->
              JobDescription.run(
                  spark,
                  "failing",
                  () -> {
                    throw new IllegalStateException("x");
                  }));
      assertEquals("outer", spark.sparkContext().getLocalProperty(JobDescription.PROPERTY));
      spark.sparkContext().setJobDescription(null);
      JobDescription.run(spark, "x".repeat(200), () -> spark.range(1).collectAsList());
      assertNull(spark.sparkContext().getLocalProperty(JobDescription.PROPERTY));
      spark.sparkContext().listenerBus().waitUntilEmpty();
      synchronized (seen) {
        // a count may take more than one job; each carries the name
        assertEquals(
            List.of("sweep t: evaluate", "x".repeat(117) + "..."),
            seen.stream().distinct().toList());
      }
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }
}
