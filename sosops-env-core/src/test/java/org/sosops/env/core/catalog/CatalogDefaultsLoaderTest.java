package org.sosops.env.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.variables.Variables;

/**
 * {@link Catalog#defaults()} is cached per context class loader, as a servlet container sets one
 * per web application while the core may sit in a loader above them all.
 */
class CatalogDefaultsLoaderTest {
    private static final String CONTRIBUTION = ContributionOfAChildLoader.class.getName();
    private static final String SERVICES = "META-INF/services/" + VariableContribution.class.getName();

    @TempDir
    Path services;

    @Test
    void aRedeployedApplicationsLoaderIsNotKeptAliveByTheCachedCatalog() throws Exception {
        WeakReference<ClassLoader> application = useCatalogIn(new ApplicationLoader(servicesFile()));

        for (int i = 0; i < 100 && application.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(application.get()).as("the application's class loader, after it was dropped").isNull();
    }

    @Test
    void whileTheLoaderLivesItsCatalogStaysCachedThroughGarbageCollections() throws Exception {
        ApplicationLoader application = new ApplicationLoader(servicesFile());
        Catalog first = defaultsIn(application);
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        assertThat(defaultsIn(application)).isSameAs(first);
        assertThat(defaultsIn(getClass().getClassLoader())).isNotSameAs(first)
                .satisfies(other -> assertThat(other.variable("CHILD_LOADER_REGION")).isEmpty());
    }

    /** Checks through a fresh loader, then drops every reference to it but a weak one. */
    private static WeakReference<ClassLoader> useCatalogIn(ClassLoader application) {
        FormatCheck contributed = defaultsIn(application).variable("CHILD_LOADER_REGION").orElseThrow().check();
        // The catalog holds the application's own class: what used to keep the loader alive.
        assertThat(contributed.getClass().getClassLoader()).isSameAs(application);
        assertThat(contributed.check("eu-west-1", Optional.empty(), Variables.of(Map.of()))).isEmpty();
        return new WeakReference<>(application);
    }

    private static Catalog defaultsIn(ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return Catalog.defaults();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private URL servicesFile() throws IOException {
        Path file = services.resolve("VariableContribution");
        Files.writeString(file, CONTRIBUTION + "\n", StandardCharsets.UTF_8);
        return file.toUri().toURL();
    }

    /**
     * Defines {@link ContributionOfAChildLoader} itself, from the test's class file, and lists it as
     * a service: everything else comes from the parent, as in a servlet container.
     */
    private static final class ApplicationLoader extends ClassLoader {
        private final URL servicesFile;

        ApplicationLoader(URL servicesFile) {
            super("application", CatalogDefaultsLoaderTest.class.getClassLoader());
            this.servicesFile = servicesFile;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(CONTRIBUTION)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected Enumeration<URL> findResources(String name) {
            return name.equals(SERVICES) ? Collections.enumeration(List.of(servicesFile)) : Collections.emptyEnumeration();
        }
    }
}
