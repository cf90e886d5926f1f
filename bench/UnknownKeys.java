import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Prints N random well-formed clariBI API keys (the format and checksum of {@code com.claribi.apikey.ApiKeySecret}),
 * one a line: keys that pass the offline check and so cost the server a lookup unless it stops them earlier. Run as a
 * source file: {@code java bench/UnknownKeys.java 20000}.
 */
public class UnknownKeys {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(count * 55);
        for (int n = 0; n < count; n++) {
            StringBuilder secret = new StringBuilder(32);
            for (int i = 0; i < 32; i++) {
                secret.append(BASE62.charAt(random.nextInt(62)));
            }
            CRC32 crc = new CRC32();
            crc.update(secret.toString().getBytes(StandardCharsets.US_ASCII));
            long value = crc.getValue();
            char[] digits = new char[6];
            for (int i = 5; i >= 0; i--) {
                digits[i] = BASE62.charAt((int) (value % 62));
                value /= 62;
            }
            out.append("claribi_sk_live_").append(secret).append(digits).append('\n');
        }
        System.out.print(out);
    }
}
