package com.claribi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each direct sub-package of {@code com.claribi} is a module; using another module's internals, or a module its
 * {@code package-info.java} does not allow, fails the build. The documented module table must say the same.
 */
class ModularityTests {

    private static final Pattern MODULE = Pattern.compile("`?([a-z]+)`?");

    private final ApplicationModules modules = ApplicationModules.of(ClaribiApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicApi() {
        modules.verify();
    }

    /** An allowed dependency that is not used is a stale declaration: the declarations are the real map. */
    @Test
    void everyModuleUsesExactlyTheModulesItDeclares() {
        assertThat(used()).isEqualTo(declared());
    }

    /**
     * The table under {@code ## Modules} in {@code docs/architecture.md}: one row
     * a module, its first cell the module, its third the modules it uses ({@code —} for none).
     */
    @Test
    void moduleTableMatchesDeclaredDependencies() throws IOException {
        assertThat(documented()).isEqualTo(declared());
    }

    @Test
    void writeModuleDiagram() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }

    private Map<String, Set<String>> declared() {
        Map<String, Set<String>> declared = new TreeMap<>();
        modules.forEach(module -> {
            ApplicationModule annotation = packageInfo(module.getBasePackage().getName());
            assertThat(annotation)
                    .as("%s/package-info.java declares @ApplicationModule(allowedDependencies = ...)", name(module))
                    .isNotNull();
            assertThat(annotation.allowedDependencies()).doesNotContain(ApplicationModule.OPEN_TOKEN);
            declared.put(name(module), new TreeSet<>(Arrays.asList(annotation.allowedDependencies())));
        });
        return declared;
    }

    private Map<String, Set<String>> used() {
        Map<String, Set<String>> used = new TreeMap<>();
        modules.forEach(module -> used.put(
                name(module),
                module.getDirectDependencies(modules).stream()
                        .map(dependency -> name(dependency.getTargetModule()))
                        .filter(name -> !name.equals(name(module)))
                        .collect(Collectors.toCollection(TreeSet::new))));
        return used;
    }

    private static String name(org.springframework.modulith.core.ApplicationModule module) {
        return module.getIdentifier().toString();
    }

    private static ApplicationModule packageInfo(String packageName) {
        try {
            return Class.forName(packageName + ".package-info").getAnnotation(ApplicationModule.class);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(packageName + " has no package-info.java", e);
        }
    }

    static Map<String, Set<String>> documented() throws IOException {
        Path source = Path.of("docs/architecture.md");
        return table(Files.readAllLines(source), source);
    }

    static Map<String, Set<String>> table(List<String> lines, Path source) {
        int heading = lines.indexOf("## Modules");
        assertThat(heading).as("%s has a heading '## Modules'", source).isNotNegative();
        int header = heading + 1;
        while (header < lines.size() && !lines.get(header).startsWith("| module |")) {
            header++;
        }
        assertThat(header)
                .as("%s has the table '| module | what it owns | uses |'", source)
                .isLessThan(lines.size());
        assertThat(cells(lines.get(header))).containsExactly("module", "what it owns", "uses");
        Map<String, Set<String>> documented = new TreeMap<>();
        for (int row = header + 2; row < lines.size() && lines.get(row).startsWith("|"); row++) {
            List<String> cells = cells(lines.get(row));
            Matcher module = MODULE.matcher(cells.get(0));
            assertThat(module.matches())
                    .as("%s: first cell of '%s'", source, lines.get(row))
                    .isTrue();
            Set<String> uses = new TreeSet<>();
            if (!cells.get(2).startsWith("—")) {
                for (String used : cells.get(2).split(",")) {
                    Matcher name = MODULE.matcher(used.trim());
                    assertThat(name.matches())
                            .as("%s: '%s' names a module in backticks", source, used)
                            .isTrue();
                    uses.add(name.group(1));
                }
            }
            documented.put(module.group(1), uses);
        }
        return documented;
    }

    /** The cells of a table row; a pipe inside backticks (none today) would need escaping as {@code \|}. */
    private static List<String> cells(String row) {
        String inner = row.strip().replaceAll("^\\|", "").replaceAll("\\|$", "");
        return Arrays.stream(inner.split("(?<!\\\\)\\|")).map(String::strip).toList();
    }
}
