package gradgrid.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell's statement cutting: at {@code ;} outside quotes and comments, across lines. */
class StatementsTest {
  @Test
  void aStatementEndsAtItsSemicolonAndMaySpanLines() {
    Statements s = new Statements();
    assertEquals(List.of(), s.add("SELECT 1,"));
    assertTrue(s.inStatement());
    assertEquals(List.of("SELECT 1,\n2"), s.add("2;"));
    assertFalse(s.inStatement());
    assertEquals(List.of("SELECT 1", "SELECT 2"), s.add("SELECT 1; SELECT 2;"));
  }

  @Test
  void semicolonsInQuotesAndCommentsDoNotEndIt() {
    Statements s = new Statements();
    assertEquals(List.of(), s.add("SELECT 'a;b', \"c;\", `d;e` -- f;"));
    assertEquals(List.of(), s.add("/* g;"));
    assertEquals(List.of(), s.add("h; */ , 'it\\'s;'"));
    assertEquals(1, s.add(";").size());
  }

  @Test
  void commentsAloneBeginNoStatement() {
    Statements s = new Statements();
    assertEquals(List.of(), s.add("-- a note"));
    assertFalse(s.inStatement());
    assertEquals("", s.drain());
    s.add("SELECT 3");
    assertEquals("SELECT 3", s.drain());
    assertFalse(s.inStatement());
  }

  @Test
  void aSemicolonAfterOnlyCommentsEndsNoStatement() {
    Statements s = new Statements();
    assertEquals(List.of(), s.add("-- a note"));
    assertEquals(List.of(), s.add(";"));
    assertEquals(List.of(), s.add("/* block */ ; -- and ; more"));
    assertFalse(s.inStatement());
    assertEquals(List.of(), s.add("-- lead"));
    assertEquals(List.of("SELECT 4"), s.add("SELECT 4;"));
  }
}
