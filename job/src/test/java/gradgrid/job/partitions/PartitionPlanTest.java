package gradgrid.job.partitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionPlanTest {
  @Test
  void rangesCoverEveryRowExactlyOnce() {
    long[] rowCounts = {1, 2, 7, 100, 101, 20001, 1_000_003};
    int[] partitionCounts = {1, 2, 3, 7, 64};
    for (long rows : rowCounts) {
      for (int p : partitionCounts) {
        if (p > rows) {
          continue;
        }
        List<IndexRange> ranges = PartitionPlan.split(rows, p);
        assertEquals(p, ranges.size());
        long expectedStart = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (IndexRange r : ranges) {
          assertEquals(expectedStart, r.start(), "contiguous, no gap or overlap");
          assertTrue(r.size() > 0);
          min = Math.min(min, r.size());
          max = Math.max(max, r.size());
          expectedStart = r.end();
        }
        assertEquals(rows, expectedStart, "last range ends at the row count");
        assertTrue(max - min <= 1, "balanced");
      }
    }
  }

  @Test
  void hugeRowCountsSplitWithoutOverflow() {
    long rows = Long.MAX_VALUE - 3;
    List<IndexRange> ranges = PartitionPlan.split(rows, 1000);
    assertEquals(rows, ranges.get(999).end());
  }

  @Test
  void defaultCountFollowsCoresAndSize() {
    assertEquals(2, PartitionPlan.defaultCount(20001, 2));
    assertEquals(1, PartitionPlan.defaultCount(1, 8));
    assertEquals(3, PartitionPlan.defaultCount(3, 8));
    // 1e8 rows at 2^21 rows a partition: 48 partitions, a multiple of the 2 cores.
    assertEquals(48, PartitionPlan.defaultCount(100_000_000, 2));
    // a critical-point map: 250,000 rows x 20,001 inner points / 2^26 = 74.5 -> 75 -> 76 (cores)
    assertEquals(76, PartitionPlan.defaultCount(250_000, 20001, 2));
    assertEquals(12, PartitionPlan.defaultCount(40_000, 20001, 2));
    assertEquals(2, PartitionPlan.defaultCount(6, 20001, 2));
    assertEquals(48, PartitionPlan.defaultCount(100_000_000, 0, 2));
  }

  @Test
  void badSplitsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> PartitionPlan.split(3, 4));
    assertThrows(IllegalArgumentException.class, () -> PartitionPlan.split(0, 1));
  }
}
