package com.claribi.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The enrolment QR code is a PNG data URI that a scanner reads back as the text it encodes. */
class QrCodeUnitTests {

    @Test
    void pngDataUriDecodesToTheSameText() throws IOException, NotFoundException {
        String uri = Totp.otpauthUri("jane+bi@acme.example", Totp.base32(Totp.newSecret()));
        String dataUri = QrCode.pngDataUri(uri);
        assertThat(dataUri).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()))));
        assertThat(image.getWidth()).isBetween(150, 600);
        assertThat(decode(image)).isEqualTo(uri);
    }

    static String decode(BufferedImage image) throws NotFoundException {
        return new MultiFormatReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }
}
