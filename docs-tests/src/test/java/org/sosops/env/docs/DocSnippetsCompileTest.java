package org.sosops.env.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of {@code README.md}, {@code docs/*.md} and the modules' and examples'
 * READMEs compiles with {@code --release 17} against every module. A block that is a whole
 * compilation unit (it declares a package or a top-level type) compiles as it stands; any other
 * block is a fragment: its leading {@code import} lines stay imports, the rest becomes the body
 * of a method (or, if it declares members, the body of a class) that sees the library's packages
 * and the hidden {@code java-context} declarations of {@link JavaSnippet}.
 */
class DocSnippetsCompileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern UNIT = Pattern.compile(
            "(?m)^(package |(public |abstract |final )*(class|record|interface|enum) |@\\w+(\\(.*\\))?\\s*\\n(public |final )*(class|record|interface|enum) )");
    private static final List<String> JDK_PACKAGES = List.of("java.io", "java.math", "java.net", "java.net.http",
            "java.nio.charset", "java.nio.file", "java.security", "java.time", "java.util", "java.util.concurrent",
            "java.util.function", "javax.sql");
    private static List<String> libraryPackages;

    @TempDir
    static Path classes;

    @BeforeAll
    static void findLibraryPackages() throws IOException {
        Set<String> packages = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!path.toString().contains("sosops-env-") || !Files.isDirectory(path) && !entry.endsWith(".jar")) {
                continue;
            }
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(f -> f.toString().endsWith(".class")).map(f -> path.relativize(f.getParent()).toString())
                            .filter(p -> p.startsWith("org")).forEach(p -> packages.add(p.replace(java.io.File.separatorChar, '.')));
                }
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(path.toFile())) {
                    jar.stream().map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.startsWith("org/sosops/") && n.endsWith(".class") && n.lastIndexOf('/') > 0)
                            .forEach(n -> packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
                }
            }
        }
        libraryPackages = List.copyOf(packages);
    }

    static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        for (Path dir : List.of(ROOT, ROOT.resolve("examples"))) {
            try (Stream<Path> modules = Files.list(dir)) {
                modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(documents::add);
            }
        }
        return documents;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaSnippetCompilesWithRelease17() throws IOException {
        List<JavaSnippet> snippets = new ArrayList<>();
        for (Path document : documents()) {
            snippets.addAll(JavaSnippet.in(document));
        }
        assertThat(snippets).as("Java snippets found in the docs").hasSizeGreaterThan(15);
        return snippets.stream().map(s -> DynamicTest.dynamicTest(ROOT.relativize(s.file()) + ":" + s.line(), () -> {
            List<String> errors = compile(s);
            assertThat(errors).as("%s does not compile:%n%s", s, s.code()).isEmpty();
        }));
    }

    @Test
    void aSnippetThatDoesNotCompileIsCaught() throws IOException {
        Path doc = Files.writeString(classes.resolve("bad.md"), String.join("\n",
                "```java",
                "switch (decision) {",
                "    case GuardDecision.Allowed allowed -> send();",
                "    case GuardDecision.Refused refused -> log(refused);",
                "}",
                "```",
                "",
                "<!-- java-context",
                "import java.math.BigDecimal;",
                "BigDecimal amount",
                "-->",
                "```java",
                "BigDecimal doubled = amount.multiply(BigDecimal.TEN);",
                "undeclaredVariable.call();",
                "```",
                "",
                "<!-- java-context",
                "import java.math.BigDecimal;",
                "BigDecimal amount",
                "-->",
                "```java",
                "BigDecimal doubled = amount.multiply(BigDecimal.TEN);",
                "```",
                ""));
        List<JavaSnippet> snippets = JavaSnippet.in(doc);
        assertThat(snippets).hasSize(3);
        // Java 21 pattern switch: refused under release 17.
        assertThat(compile(snippets.get(0))).isNotEmpty();
        assertThat(compile(snippets.get(1))).anyMatch(e -> e.contains("undeclaredVariable"));
        assertThat(compile(snippets.get(2))).isEmpty();
    }

    private List<String> compile(JavaSnippet snippet) throws IOException {
        List<String> attempts = new ArrayList<>();
        if (UNIT.matcher(snippet.code()).find()) {
            return javac(snippet, snippet.code());
        }
        List<String> imports = new ArrayList<>(snippet.imports());
        List<String> body = new ArrayList<>();
        boolean leading = true;
        for (String line : snippet.code().lines().toList()) {
            if (leading && line.startsWith("import ")) {
                imports.add(line);
            } else {
                leading = leading && line.isBlank();
                body.add(line);
            }
        }
        String header = header(imports);
        String fields = String.join("\n", snippet.fields());
        String asStatements = header + "class Snippet {\n" + fields + "\nvoid snippet() throws Exception {\n"
                + String.join("\n", body) + "\n}\n}\n";
        List<String> statementErrors = javac(snippet, asStatements);
        if (statementErrors.isEmpty()) {
            return statementErrors;
        }
        String asMembers = header + "class Snippet {\n" + fields + "\n" + String.join("\n", body) + "\n}\n";
        List<String> memberErrors = javac(snippet, asMembers);
        if (memberErrors.isEmpty()) {
            return memberErrors;
        }
        attempts.addAll(statementErrors);
        return attempts;
    }

    private static String header(List<String> imports) {
        StringBuilder header = new StringBuilder();
        JDK_PACKAGES.forEach(p -> header.append("import ").append(p).append(".*;\n"));
        libraryPackages.forEach(p -> header.append("import ").append(p).append(".*;\n"));
        imports.forEach(i -> header.append(i).append('\n'));
        return header.toString();
    }

    private static List<String> javac(JavaSnippet snippet, String source) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory(classes, "snippet");
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-classpath", System.getProperty("java.class.path"),
                    "-d", out.toString(), "-Xlint:none");
            StringWriter log = new StringWriter();
            boolean ok = compiler.getTask(log, files, diagnostics, options, null, List.of(file)).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add("line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
                }
            }
            if (!ok && errors.isEmpty()) {
                errors.add(log.toString());
            }
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException(snippet.toString(), e);
        }
    }
}
