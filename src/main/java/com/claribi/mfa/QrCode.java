package com.claribi.mfa;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/** A QR code drawn on the server (zxing encodes, the JDK writes the PNG) and returned as a {@code data:} URI. */
final class QrCode {

    /** Pixels per module: about 300 pixels across for a key URI, sharp on any screen. */
    private static final int SCALE = 6;

    private QrCode() {}

    static String pngDataUri(String text) {
        BitMatrix matrix;
        try {
            // Size 0: one pixel per module, with the standard quiet zone of 4 modules around it.
            matrix = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode a QR code of " + text.length() + " characters", e);
        }
        BufferedImage image = new BufferedImage(
                matrix.getWidth() * SCALE, matrix.getHeight() * SCALE, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                // In a binary image sample 0 is black and 1 is white.
                raster.setSample(x, y, 0, matrix.get(x / SCALE, y / SCALE) ? 0 : 1);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
