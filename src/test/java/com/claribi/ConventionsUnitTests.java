package com.claribi;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The conventions of {@code docs/architecture.md} that the compiled classes show. */
class ConventionsUnitTests {

    /** A controller is a record of the services it calls: no fields or constructor written by hand. */
    @Test
    void everyRestControllerIsARecord() {
        List<JavaClass> controllers = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackagesOf(ClaribiApplication.class)
                        .stream()
                        .filter(type -> type.isAnnotatedWith(RestController.class)
                                || type.isAnnotatedWith(RestControllerAdvice.class))
                        .toList();

        assertThat(controllers)
                .extracting(JavaClass::getSimpleName)
                .contains("JwksController", "DashboardsController", "ErrorEndpoint", "ApiExceptionHandler");
        assertThat(controllers)
                .filteredOn(type -> !type.reflect().isRecord())
                .extracting(JavaClass::getName)
                .isEmpty();
    }
}
