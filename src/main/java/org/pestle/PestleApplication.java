package org.pestle;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Pestle: the order pipeline for compounding and clinic pharmacies.
 * One Spring Boot application; each top-level package below this one is a module (see docs/modules).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PestleApplication {

    public static void main(String[] args) {
        SpringApplication.run(PestleApplication.class, args);
    }
}
