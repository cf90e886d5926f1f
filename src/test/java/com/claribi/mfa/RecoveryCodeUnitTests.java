package com.claribi.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Recovery codes: 80 random bits in an easily typed form, forgiving of case, spaces and look-alike letters. */
class RecoveryCodeUnitTests {

    @Test
    void generatedCodesAreFourGroupsOfFourBase32Characters() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = RecoveryCode.generate();
            assertThat(code).matches("[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}");
            codes.add(code);
        }
        assertThat(codes).hasSize(1000);
    }

    @Test
    void normalizeAcceptsCaseSpacesAndMissingDashes() {
        String code = "ab12-cd34-ef56-gh78";
        assertThat(RecoveryCode.normalize(code)).isEqualTo("ab12cd34ef56gh78");
        assertThat(RecoveryCode.normalize("AB12 CD34 EF56 GH78")).isEqualTo("ab12cd34ef56gh78");
        assertThat(RecoveryCode.normalize(" ab12cd34ef56gh78\n")).isEqualTo("ab12cd34ef56gh78");
    }

    @Test
    void normalizeReadsLookAlikeLettersAsDigits() {
        assertThat(RecoveryCode.normalize("ab1l-cdoO-ef56-gh7I")).isEqualTo("ab11cd00ef56gh71");
    }

    @Test
    void normalizeRefusesWhatCannotBeACode() {
        assertThat(RecoveryCode.normalize(null)).isNull();
        assertThat(RecoveryCode.normalize("")).isNull();
        assertThat(RecoveryCode.normalize("123456")).isNull();
        assertThat(RecoveryCode.normalize("ab12-cd34-ef56-gh7")).isNull();
        assertThat(RecoveryCode.normalize("ab12-cd34-ef56-gh789")).isNull();
        assertThat(RecoveryCode.normalize("ab12-cd34-ef56-gh7u")).isNull();
        assertThat(RecoveryCode.normalize("ab12-cd34-ef56-gh7!")).isNull();
        assertThat(RecoveryCode.normalize("-".repeat(100) + "ab12cd34ef56gh78")).isNull();
    }

    @Test
    void hashIsSha256HexOfTheNormalizedCode() {
        assertThat(RecoveryCode.hash("ab12cd34ef56gh78"))
                .hasSize(64)
                .matches("[0-9a-f]{64}")
                .isEqualTo(RecoveryCode.hash(RecoveryCode.normalize("AB12-CD34-EF56-GH78")))
                .isNotEqualTo(RecoveryCode.hash("ab12cd34ef56gh79"));
        // echo -n abc | sha256sum
        assertThat(RecoveryCode.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
