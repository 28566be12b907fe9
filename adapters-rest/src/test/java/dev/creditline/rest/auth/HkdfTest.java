package dev.creditline.rest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] ikm22() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        return ikm;
    }

    @Test
    void rfc5869_test_case_1_basic_sha256() {
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

        assertThat(HEX.formatHex(Hkdf.extract(salt, ikm22())))
                .isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assertThat(HEX.formatHex(Hkdf.derive(ikm22(), salt, info, 42)))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c"
                        + "5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void rfc5869_test_case_3_empty_salt_and_info_means_zero_salt() {
        assertThat(HEX.formatHex(Hkdf.extract(new byte[0], ikm22())))
                .isEqualTo("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
        assertThat(HEX.formatHex(Hkdf.derive(ikm22(), new byte[0], new byte[0], 42)))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879e"
                        + "c3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    void output_longer_than_255_blocks_is_refused() {
        assertThatThrownBy(() -> Hkdf.derive(ikm22(), new byte[0], new byte[0], 255 * 32 + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Hkdf.derive(ikm22(), new byte[0], new byte[0], 64)).hasSize(64);
    }
}
