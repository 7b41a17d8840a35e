package org.sosops.env.promotion.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.sosops.env.promotion.PromotionInputException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * "Tests passed" as a launch-gate item ({@code tests}): reads every JUnit XML report
 * ({@code *.xml} holding {@code <testsuite>} or {@code <testsuites>}, as Surefire, Gradle and most
 * runners write them) under a directory and fails on any failure or error, and on zero tests.
 *
 * <pre>{@code
 * gate.item(new TestReportsItem(Path.of("target/surefire-reports")));
 * }</pre>
 */
public final class TestReportsItem implements ChecklistItem {
    private static final int MAX_LISTED = 20;

    private final Path directory;

    public TestReportsItem(Path directory) {
        this.directory = directory;
    }

    @Override
    public String id() {
        return "tests";
    }

    @Override
    public ItemResult run() {
        if (!Files.isDirectory(directory)) {
            throw new PromotionInputException(directory + ": test report directory not found (--test-reports)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new PromotionInputException(directory + ": cannot list test reports (" + e.getClass().getSimpleName() + ")");
        }
        DocumentBuilder parser = parser();
        int tests = 0;
        int reports = 0;
        List<String> problems = new ArrayList<>();
        int failed = 0;
        for (Path file : files) {
            Element root;
            try (InputStream in = Files.newInputStream(file)) {
                root = parser.parse(in).getDocumentElement();
            } catch (SAXException e) {
                throw new PromotionInputException(file + ": not a well-formed JUnit XML report");
            } catch (IOException e) {
                throw new PromotionInputException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
            }
            List<Element> suites = new ArrayList<>();
            if (root.getTagName().equals("testsuite")) {
                suites.add(root);
            } else if (root.getTagName().equals("testsuites")) {
                NodeList children = root.getElementsByTagName("testsuite");
                for (int i = 0; i < children.getLength(); i++) {
                    suites.add((Element) children.item(i));
                }
            } else {
                continue; // another XML file in the directory, not a test report
            }
            reports++;
            for (Element suite : suites) {
                NodeList cases = suite.getElementsByTagName("testcase");
                tests += cases.getLength();
                for (int i = 0; i < cases.getLength(); i++) {
                    Element testCase = (Element) cases.item(i);
                    String outcome = outcome(testCase);
                    if (outcome != null) {
                        failed++;
                        if (problems.size() < MAX_LISTED) {
                            problems.add(outcome + ": " + testCase.getAttribute("classname") + "." + testCase.getAttribute("name")
                                    + " (" + directory.relativize(file) + ")");
                        }
                    }
                }
            }
        }
        if (tests == 0) {
            return new ItemResult.Failed("zero tests in " + directory, List.of(reports == 0
                    ? "no JUnit XML report under " + directory + " (did the tests run?)"
                    : reports + " report" + (reports == 1 ? "" : "s") + " under " + directory + " but not one test case"));
        }
        if (failed > 0) {
            if (failed > problems.size()) {
                problems.add("… and " + (failed - problems.size()) + " more");
            }
            return new ItemResult.Failed(failed + " of " + tests + " tests failed or errored (" + directory + ")", problems);
        }
        return new ItemResult.Passed(tests + " tests passed in " + reports + " report" + (reports == 1 ? "" : "s")
                + " (" + directory + ")");
    }

    /** {@code failure} or {@code error} when the case did not pass; null when it passed or was skipped. */
    private static String outcome(Element testCase) {
        for (Node child = testCase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && (e.getTagName().equals("failure") || e.getTagName().equals("error"))) {
                return e.getTagName();
            }
        }
        return null;
    }

    private static DocumentBuilder parser() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            // Reports are build output, but never let one pull in a file or a URL.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the platform XML parser cannot be configured safely", e);
        }
    }
}
