package com.claribi.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Debian packages the bench drives (wrk, gnuplot; PostgreSQL and Redis when asked for), installed when missing. */
final class Tools {

    private Tools() {}

    static void install(Options options) {
        List<String> missing = new ArrayList<>();
        if (!Cmd.exists("wrk")) {
            missing.add("wrk");
        }
        if (!Cmd.exists("gnuplot")) {
            missing.add("gnuplot-nox");
        }
        if (options.redis() && !Cmd.exists("redis-server")) {
            missing.add("redis-server");
        }
        if (options.postgres() && Databases.postgresBin() == null) {
            missing.add("postgresql");
        }
        if (missing.isEmpty()) {
            return;
        }
        BenchRun.say("installing " + String.join(" ", missing));
        List<String> sudo = Cmd.root() ? List.of() : List.of("sudo");
        List<String> update = new ArrayList<>(sudo);
        update.addAll(List.of("apt-get", "update", "-q"));
        Cmd.inherit(Path.of("."), update);
        List<String> install = new ArrayList<>(sudo);
        install.addAll(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q"));
        install.addAll(missing);
        Cmd.inherit(Path.of("."), install);
    }
}
