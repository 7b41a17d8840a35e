package org.sosops.env.core.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two contributions that disagree, or a contribution that redeclares a canonical variable, stop the
 * catalog with a message naming both sides. Each case adds one contribution, through a class loader
 * of its own, to the one this module's tests always see ({@link ContributedVariablesForTests}).
 */
public class ContributionConflictTest {
    @TempDir
    Path dir;

    /** Declares PAYMENTS_SIGNATURE again, but not as a secret. */
    public static final class SignatureClash implements VariableContribution {
        @Override
        public List<CatalogVariable> variables() {
            return List.of(CatalogVariable.builder("PAYMENTS_SIGNATURE").build());
        }
    }

    /** Hands back a canonical variable's entry as if it were its own. */
    public static final class CanonicalClash implements VariableContribution {
        @Override
        public List<CatalogVariable> variables() {
            return List.of(CatalogVariable.of(CanonicalVariable.AUTH_SECRET));
        }
    }

    private URLClassLoader loaderAdding(Class<? extends VariableContribution> contribution) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(VariableContribution.class.getName()), contribution.getName() + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void twoContributionsDeclaringOneNameDifferentlyAreBothNamed() throws IOException {
        try (URLClassLoader loader = loaderAdding(SignatureClash.class)) {
            assertThatThrownBy(() -> Catalog.builder().discover(loader).build()).isInstanceOf(CatalogException.class)
                    .hasMessage("PAYMENTS_SIGNATURE is declared by " + SignatureClash.class.getName()
                            + " and differently by " + ContributedVariablesForTests.class.getName());
        }
    }

    @Test
    void aContributionCannotRedeclareACanonicalVariable() throws IOException {
        try (URLClassLoader loader = loaderAdding(CanonicalClash.class)) {
            assertThatThrownBy(() -> Catalog.builder().discover(loader).build()).isInstanceOf(CatalogException.class)
                    .hasMessage("AUTH_SECRET is declared by " + CanonicalClash.class.getName()
                            + ", but it is a canonical variable");
        }
    }
}
