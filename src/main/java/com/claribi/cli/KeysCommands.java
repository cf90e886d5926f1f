package com.claribi.cli;

import com.claribi.platform.ClientInfo;
import com.claribi.token.SigningKeyRotation;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/** {@code keys}: the token signing keys. */
@Command(name = "keys", description = "token signing keys")
final class KeysCommands {

    /** {@code keys rotate}. */
    @Command(
            name = "rotate",
            description = "start a new token signing key (old keys stay published until their tokens expire)")
    static final class Rotate extends AdminCommand {

        Rotate(Class<?> application) {
            super(application);
        }

        @Override
        void run(ConfigurableApplicationContext context) {
            String kid = context.getBean(SigningKeyRotation.class).rotate(ClientInfo.COMMAND_LINE);
            System.out.println(
                    "New signing key " + kid + "; the previous keys stay in the JWK Set until their tokens expire.");
        }
    }
}
