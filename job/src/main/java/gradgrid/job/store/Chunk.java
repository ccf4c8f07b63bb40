package gradgrid.job.store;

import gradgrid.job.partitions.IndexRange;
import java.util.List;
import java.util.Map;

/**
 * One committed piece of a run: the grid rows it covers, the files that hold them, and the
 * statistics the caller gathered over them (opaque here, kept for the summary of a resumed run).
 *
 * @param ranges the index ranges written
 * @param files the data files written for them
 * @param stats the caller's statistics, as JSON-compatible values
 */
public record Chunk(List<IndexRange> ranges, List<PartFile> files, Map<String, Object> stats) {}
