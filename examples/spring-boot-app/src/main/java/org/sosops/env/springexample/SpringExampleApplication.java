package org.sosops.env.springexample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot service with SOS Ops Env through the starter alone: its configuration is checked
 * at start-up, its Twilio status callbacks arrive verified, its flags resolve per organization, and
 * actuator shows {@code sosopsEnv} health and the {@code sosops.*} meters. No glue code.
 */
@SpringBootApplication
public class SpringExampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(SpringExampleApplication.class, args);
    }
}
