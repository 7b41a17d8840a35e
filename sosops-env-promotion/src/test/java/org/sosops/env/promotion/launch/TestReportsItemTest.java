package org.sosops.env.promotion.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.promotion.PromotionInputException;

/** "Tests passed": JUnit XML reports in, a verdict out. */
class TestReportsItemTest {
    @TempDir
    Path dir;

    private void report(String name, String xml) throws IOException {
        Files.writeString(dir.resolve(name), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml);
    }

    @Test
    void passingSuitesPassCountingEveryTestCase() throws IOException {
        report("TEST-a.ATest.xml", "<testsuite name=\"a.ATest\" tests=\"2\" failures=\"0\" errors=\"0\">"
                + "<testcase classname=\"a.ATest\" name=\"one\"/><testcase classname=\"a.ATest\" name=\"two\"><skipped/></testcase></testsuite>");
        Files.createDirectories(dir.resolve("nested"));
        Files.writeString(dir.resolve("nested/TEST-b.xml"), "<testsuites><testsuite name=\"b\"><testcase classname=\"b.B\" name=\"x\"/>"
                + "</testsuite></testsuites>");
        Files.writeString(dir.resolve("a.ATest.txt"), "plain text summary");

        ItemResult result = new TestReportsItem(dir).run();

        assertThat(result).isInstanceOf(ItemResult.Passed.class);
        assertThat(result.summary()).startsWith("3 tests passed in 2 reports");
    }

    @Test
    void aFailureOrAnErrorFailsNamingTheTestEvenWhenTheSuiteAttributesClaimZero() throws IOException {
        // The counts in <testsuite> attributes are not trusted: the test cases are.
        report("TEST-a.xml", "<testsuite name=\"a\" tests=\"3\" failures=\"0\" errors=\"0\">"
                + "<testcase classname=\"a.A\" name=\"ok\"/>"
                + "<testcase classname=\"a.A\" name=\"broken\"><failure message=\"expected 1\">trace</failure></testcase>"
                + "<testcase classname=\"a.A\" name=\"crashed\"><error type=\"NPE\"/></testcase></testsuite>");

        ItemResult result = new TestReportsItem(dir).run();

        assertThat(result).isInstanceOf(ItemResult.Failed.class);
        assertThat(result.summary()).startsWith("2 of 3 tests failed or errored");
        assertThat(((ItemResult.Failed) result).problems()).containsExactly("failure: a.A.broken (TEST-a.xml)",
                "error: a.A.crashed (TEST-a.xml)");
    }

    @Test
    void zeroTestsFailsWhetherNoReportOrEmptySuites() throws IOException {
        ItemResult none = new TestReportsItem(dir).run();
        assertThat(none).isInstanceOf(ItemResult.Failed.class);
        assertThat(((ItemResult.Failed) none).problems()).containsExactly("no JUnit XML report under " + dir + " (did the tests run?)");

        report("TEST-empty.xml", "<testsuite name=\"empty\" tests=\"0\"/>");
        ItemResult empty = new TestReportsItem(dir).run();
        assertThat(empty).isInstanceOf(ItemResult.Failed.class);
        assertThat(empty.summary()).isEqualTo("zero tests in " + dir);
    }

    @Test
    void aMalformedReportOrAMissingDirectoryCannotBeJudged() throws IOException {
        report("TEST-bad.xml", "<testsuite><testcase name=\"x\">");
        assertThatThrownBy(() -> new TestReportsItem(dir).run()).isInstanceOf(PromotionInputException.class)
                .hasMessageContaining("TEST-bad.xml: not a well-formed JUnit XML report");
        assertThatThrownBy(() -> new TestReportsItem(dir.resolve("missing")).run())
                .hasMessageContaining("test report directory not found");
    }

    @Test
    void aReportCannotPullInAnExternalEntity() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "<testcase classname=\"x\" name=\"y\"/>");
        Files.createDirectories(dir.resolve("r"));
        Files.writeString(dir.resolve("r/TEST-x.xml"), "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY e SYSTEM \""
                + secret.toUri() + "\">]><testsuite>&e;</testsuite>");

        assertThatThrownBy(() -> new TestReportsItem(dir.resolve("r")).run()).isInstanceOf(PromotionInputException.class);
    }
}
