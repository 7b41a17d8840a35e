package org.sosops.env.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sosops.env.core.secret.Secret;

class DatabaseUrlTest {

    @Test
    void parsesEveryPartAndKeepsThePasswordSecret() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://sos:p%40ss%2Fw0rd@db.internal:6543/sos_ops_prod?sslmode=require")
                .orElseThrow();
        assertThat(url.host()).isEqualTo("db.internal");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.database()).isEqualTo("sos_ops_prod");
        assertThat(url.user()).contains("sos");
        assertThat(url.password()).map(Secret::reveal).contains("p@ss/w0rd");
        assertThat(url.query()).isEqualTo("sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/sos_ops_prod?sslmode=require");
        assertThat(url.identity()).isEqualTo("db.internal:6543/sos_ops_prod");
        assertThat(url.toString()).doesNotContain("p@ss").doesNotContain("w0rd").contains("sos@db.internal");
    }

    @Test
    void readsCredentialsFromJdbcQueryParameters() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db/sos_ops_dev?user=app&password=Hx7kq2").orElseThrow();
        assertThat(url.user()).contains("app");
        assertThat(url.password()).map(Secret::reveal).contains("Hx7kq2");
        assertThat(url.port()).isEqualTo(DatabaseUrl.DEFAULT_PORT);
    }

    @Test
    void toleratesAnUnescapedAtSignInThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:a@b@db.internal/sos_ops_dev").orElseThrow();
        assertThat(url.host()).isEqualTo("db.internal");
        assertThat(url.password()).map(Secret::reveal).contains("a@b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://localhost/x", "postgresql://127.0.0.1/x", "postgresql://127.1.2.3/x",
            "postgresql://[::1]/x", "postgresql:///x", "postgresql://app.localhost/x", "postgresql://0.0.0.0/x",
            "postgresql://LOCALHOST/x", "postgresql://host.docker.internal/x"})
    void recognisesLocalHosts(String value) {
        assertThat(DatabaseUrl.parse(value).orElseThrow().isLocalHost()).isTrue();
    }

    @Test
    void aRemoteHostIsNotLocal() {
        assertThat(DatabaseUrl.parse("postgresql://db.internal/x").orElseThrow().isLocalHost()).isFalse();
    }

    @Test
    void explainsWhyAUrlIsUnusableWithoutQuotingIt() {
        String url = "postgresql://u:Pw9 secret@db.internal/sos_ops_dev";
        assertThat(DatabaseUrl.problem(url)).get().asString().doesNotContain("Pw9").doesNotContain("secret");
        assertThat(DatabaseUrl.problem("redis://x/y")).contains("must start with postgres://, postgresql:// or jdbc:postgresql://");
        assertThat(DatabaseUrl.problem("postgresql://db/")).contains("has no database name (expected …/sos_ops_<env>)");
        assertThat(DatabaseUrl.problem("")).contains("is empty");
    }

    @Test
    void theJdbcFormLeavesOutCredentialsGivenAsQueryParameters() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://[::1]/sos_ops_dev?user=app&sslmode=require&password=Pw9-secret")
                .orElseThrow();
        assertThat(url.password().map(p -> p.reveal())).contains("Pw9-secret");
        assertThat(url.user()).contains("app");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/sos_ops_dev?sslmode=require");
    }

    @Test
    void aPasswordGivenOnlyAsAQueryParameterIsKeptWithoutAUser() {
        // Found by DatabaseUrlFuzzTest: the password of "?password=b" without "user=" must still be read.
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://[::1]/sos_ops_dev?use-=a&password=b").orElseThrow();
        assertThat(url.user()).isEmpty();
        assertThat(url.password().map(p -> p.reveal())).contains("b");
        assertThat(url.jdbcUrl()).doesNotContain("password");
    }

    @Test
    void aUrlWithoutAHostMeansTheLocalSocketAndTakesNoPort() {
        // From DatabaseUrlFuzzTest: a host-less URL parses, but the same with a port is refused.
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:pw@/]jsos_ops_dev?user=a&password=b").orElseThrow();
        assertThat(url.host()).isEmpty();
        assertThat(url.database()).isEqualTo("]jsos_ops_dev");
        assertThat(DatabaseUrl.problem("postgresql://app:pw@:5432/%5Djsos_ops_dev")).contains("has a port but no host");
        assertThat(DatabaseUrl.parse("postgresql://app:pw@/%5Djsos_ops_dev").orElseThrow().identity())
                .isEqualTo(url.identity());
    }

    @Test
    void anEmptyUserNameIsNoUserName() {
        // From DatabaseUrlFuzzTest: "?user=" gave an empty user, shown as "@host" and unlike "no user".
        assertThat(DatabaseUrl.parse("jdbc:postgresql://[::1]/sos_ops_dev?user=").orElseThrow().user()).isEmpty();
        DatabaseUrl url = DatabaseUrl.parse("postgresql://:pw@db/sos_ops_dev").orElseThrow();
        assertThat(url.user()).isEmpty();
        assertThat(url.password().map(p -> p.reveal())).contains("pw");
        assertThat(url.toString()).isEqualTo("DatabaseUrl[db:5432/sos_ops_dev]");
    }

    @Test
    void theJdbcFormHasNoQuestionMarkWhenOnlyCredentialsWereInTheQuery() {
        assertThat(DatabaseUrl.parse("postgresql://db/sos_ops_dev?password=Pw9&user=app").orElseThrow().jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/sos_ops_dev");
        assertThat(DatabaseUrl.parse("postgresql://db/sos_ops_dev?&sslmode=require&user").orElseThrow().jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/sos_ops_dev?sslmode=require");
    }

    @Test
    void theJdbcFormBracketsAnIpv6HostGivenWithoutBrackets() {
        DatabaseUrl url = new DatabaseUrl("fd00::5", 5433, "sos_ops_dev", java.util.Optional.empty(),
                java.util.Optional.empty(), "");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[fd00::5]:5433/sos_ops_dev");
        assertThat(new DatabaseUrl("[fd00::5]", 5433, "sos_ops_dev", java.util.Optional.empty(),
                java.util.Optional.empty(), "").jdbcUrl()).isEqualTo("jdbc:postgresql://[fd00::5]:5433/sos_ops_dev");
    }
}
